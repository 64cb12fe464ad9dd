[/*{{id}}*/, /*{{deps}}*/, function () { with (this.scopeTerminator) { with (this.globalThis) { return function () { 'use strict';
return function (require, module, exports) {
/*{{code}}*/
}; }; } } }, /*{{meta}}*/],
