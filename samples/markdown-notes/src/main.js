// The app's own code ($root$): it may use the page, and the packages it imports get only what policy.json grants.
import { marked } from 'marked';
import { debounce, words } from 'lodash-es';
import { format } from 'date-fns';

const input = document.getElementById('input');
const preview = document.getElementById('preview');
const status = document.getElementById('status');

const render = () => {
  // marked returns HTML; this sample renders the user's own text, so it is trusted here.
  preview.innerHTML = marked.parse(input.value);
  status.textContent = `${words(input.value).length} words · rendered ${format(new Date(), 'HH:mm:ss')}`;
  document.title = 'Markdown notes (protected)';
};

input.addEventListener('input', debounce(render, 150));
render();
