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
