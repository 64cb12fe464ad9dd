/*{{runtime}}*/
/*{{api}}*/.loadBundle([
/*{{modules}}*/], /*{{entries}}*/, /*{{policy}}*/);
/*{{sourceMappingUrl}}*/
