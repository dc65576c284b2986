/**
 * The default page's script: only improvements, the page works without it. It asks before a
 * delete or a rotation, shows the copy button of a new client secret, and checks that a password
 * and its confirmation match while they are typed.
 */
export const PAGE_SCRIPT = `
(() => {
  'use strict';
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
  for (const input of document.querySelectorAll('input[data-match]')) {
    const other = document.getElementById(input.dataset.match);
    if (!other) continue;
    const check = () =>
      input.setCustomValidity(input.value === other.value ? '' : 'The passwords differ.');
    input.addEventListener('input', check);
    other.addEventListener('input', check);
  }
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const target = document.getElementById(button.dataset.copy);
    if (!target) continue;
    const status = button.parentElement.querySelector('[data-copy-status]');
    const say = (text) => { if (status) status.textContent = text; };
    const select = () => {
      const range = document.createRange();
      range.selectNodeContents(target);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    };
    button.hidden = false;
    button.addEventListener('click', () => {
      const manual = () => { select(); say('Selected: press Ctrl+C to copy.'); };
      if (!navigator.clipboard) return manual();
      navigator.clipboard.writeText(target.textContent).then(() => say('Copied.'), manual);
    });
  }
})();
`;
