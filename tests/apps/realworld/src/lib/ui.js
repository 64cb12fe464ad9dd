// React: a small component tree rendered to a string (react-dom/server) everywhere, and into a real element
// (react-dom/client, loaded with import() only when a real DOM exists) in browsers.
import React, { createElement as h, useMemo, useState } from 'react';
import { renderToString, renderToStaticMarkup } from 'react-dom/server';
import clsx from 'clsx';
import { check, checkAsync, expectEqual, expectTrue } from '../report.js';

function Item({ label, done }) {
  return h('li', { className: clsx('item', { done }) }, label);
}

function TodoList({ title, items }) {
  const [filter] = useState('all');
  const visible = useMemo(() => items.filter((i) => filter === 'all' || !i.done), [items, filter]);
  return h(
    'section',
    { id: 'todos' },
    h('h2', null, title),
    h('ul', null, visible.map((i) => h(Item, { key: i.label, ...i }))),
    h('p', { className: 'count' }, `${visible.filter((i) => i.done).length}/${visible.length} done`),
  );
}

const items = [
  { label: 'bundle', done: true },
  { label: 'confine', done: true },
  { label: 'ship', done: false },
];

const expectedMarkup =
  '<section id="todos"><h2>Plan</h2><ul><li class="item done">bundle</li><li class="item done">confine</li>'
  + '<li class="item">ship</li></ul><p class="count">2/3 done</p></section>';

export function hasRealDom() {
  return (
    typeof document !== 'undefined'
    && typeof document.getElementById === 'function'
    && typeof document.createElement === 'function'
    && document.getElementById('app') !== null
  );
}

export function runServerRender() {
  check('react', () => {
    const el = h(TodoList, { title: 'Plan', items });
    expectTrue(React.isValidElement(el), 'a valid element');
    return React.version;
  });
  check('react-dom/server', () => {
    expectEqual(renderToStaticMarkup(h(TodoList, { title: 'Plan', items })), expectedMarkup, 'static markup');
    const html = renderToString(h(TodoList, { title: 'Plan', items }));
    expectTrue(html.includes('<li class="item">ship</li>'), 'renderToString output');
    return html.length;
  });
}

export async function runClientRender() {
  if (!hasRealDom()) return;
  await checkAsync('react-dom/client', async () => {
    const [{ createRoot }, { flushSync }] = await Promise.all([import('react-dom/client'), import('react-dom')]);
    const container = document.getElementById('app');
    const root = createRoot(container);
    flushSync(() => root.render(h(TodoList, { title: 'Plan', items })));
    expectEqual(container.innerHTML, expectedMarkup, 'rendered DOM');
    expectEqual(container.querySelectorAll('li.done').length, 2, 'done items');
    return container.innerHTML.length;
  });
}
