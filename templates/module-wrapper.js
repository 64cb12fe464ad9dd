[/*{{id}}*/, /*{{deps}}*/, function () { with (this.scopeTerminator) { with (this.globalThis) { return function () { 'use strict';
return /*{{async}}*/function (/*{{params}}*/) {
/*{{code}}*/
}; }; } } }, /*{{meta}}*/],
