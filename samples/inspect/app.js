// A small CommonJS module, as npm packages ship them: what would it need from the page?
'use strict';
const { formatPrice } = require('./format');
const debounce = require('lodash/debounce');

const cart = [];

function render() {
  const total = cart.reduce((sum, item) => sum + item.price, 0);
  document.getElementById('total').textContent = formatPrice(total, navigator.language);
  window.localStorage.setItem('cart', JSON.stringify(cart));
}

module.exports.add = debounce(function add(item) {
  cart.push(item);
  render();
  lastAdded = Date.now();
}, 100);

if (typeof fetch === 'function') {
  import('./analytics.mjs').then((m) => m.track('cart-ready'));
}
