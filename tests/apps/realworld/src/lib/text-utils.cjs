'use strict';
// An own CommonJS module required by another own CommonJS module (same package: no policy check applies).
const kebabCase = require('lodash/kebabCase');

exports.slugify = (text) => kebabCase(String(text).trim());
