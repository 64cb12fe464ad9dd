/*{{ses}}*/
;
/*{{kernel}}*/(globalThis, /*{{config}}*/);
