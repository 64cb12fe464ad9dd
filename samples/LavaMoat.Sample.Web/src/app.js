// The page's own code ($root$ in the policy). Each npm package below runs in its own SES compartment and gets
// only the globals lavamoat/browserify/policy.json grants it.
import { marked } from 'marked';
import { debounce, escape, sortBy } from 'lodash-es';
import { format } from 'date-fns';
import { v4 as uuid } from 'uuid';
import * as z from 'zod';

// zod compiles validators with new Function unless told not to; the page has no 'unsafe-eval' to give it.
z.config({ jitless: true });

const Note = z.object({
  title: z.string().trim().min(1, 'Give the note a title').max(60, 'Keep the title under 60 characters'),
  body: z.string().max(5000),
});

const form = document.getElementById('note-form');
const title = document.getElementById('note-title');
const body = document.getElementById('note-body');
const preview = document.getElementById('note-preview');
const error = document.getElementById('note-error');
const list = document.getElementById('notes');
const count = document.getElementById('note-count');
const notes = [];

const renderPreview = () => {
  // marked output is shown for the author's own text only; a real app would sanitise it.
  preview.innerHTML = marked.parse(body.value);
};

const renderList = () => {
  list.innerHTML = sortBy(notes, (n) => n.title.toLowerCase())
    .map((n) => `<li data-id="${n.id}"><strong>${escape(n.title)}</strong> <time>${n.created}</time></li>`)
    .join('');
  count.textContent = `${notes.length} note${notes.length === 1 ? '' : 's'}`;
};

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const parsed = Note.safeParse({ title: title.value, body: body.value });
  if (!parsed.success) {
    error.textContent = parsed.error.issues[0].message;
    return;
  }
  error.textContent = '';
  notes.push({ id: uuid(), title: parsed.data.title, created: format(new Date(), 'yyyy-MM-dd HH:mm') });
  title.value = '';
  renderList();
});

body.addEventListener('input', debounce(renderPreview, 100));
renderPreview();
renderList();
document.documentElement.dataset.ready = 'true';
