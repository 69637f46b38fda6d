// Small progressive enhancements; every page works without this file.

// A "Copy" button beside read-only commands such as `docker pull ...`.
document.querySelectorAll('input[data-copy]').forEach((input) => {
  input.addEventListener('focus', () => input.select());
  if (!navigator.clipboard) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button copy';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy the command');
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(input.value);
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  });
  input.after(button);
});

// Search as you type: names the viewer may see, from /search/suggest, offered under the header's
// search box; choosing one opens its page. Without this, the box is a plain search form.
const searchBox = document.getElementById('site-search');
if (searchBox && window.fetch && window.AbortController) {
  const list = document.createElement('datalist');
  list.id = 'site-search-suggestions';
  searchBox.after(list);
  searchBox.setAttribute('list', list.id);
  const paths = new Map();
  let timer;
  let pending;
  searchBox.addEventListener('input', (event) => {
    const text = searchBox.value.trim();
    if (event.inputType !== 'insertText' && paths.has(text)) {
      window.location.assign(paths.get(text));
      return;
    }
    clearTimeout(timer);
    if (text.length < 2) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      if (pending) pending.abort();
      pending = new AbortController();
      try {
        const response = await fetch('/search/suggest?q=' + encodeURIComponent(text),
          { signal: pending.signal, headers: { Accept: 'application/json' } });
        if (!response.ok) return;
        const found = await response.json();
        paths.clear();
        list.replaceChildren(...found.map((suggestion) => {
          paths.set(suggestion.name, suggestion.path);
          const option = document.createElement('option');
          option.value = suggestion.name;
          if (suggestion.description) option.label = suggestion.description;
          return option;
        }));
      } catch (ignored) {
        // Aborted by newer typing, or offline: the form still works.
      }
    }, 150);
  });
}
