// The sign-in page: name and password, or (?link=...) choosing a password with a one-time sign-in link.
// Relative URLs, like the app, so it works behind a proxy under any path.
const form = document.querySelector('#signin-form');
const nameField = document.querySelector('#signin-name');
const password = document.querySelector('#signin-password');
const error = document.querySelector('#signin-error');
const submit = document.querySelector('#signin-submit');
const link = new URLSearchParams(location.search).get('link');

if (link) {
  // The link is a secret: keep it out of the address bar and history once read.
  history.replaceState(null, '', location.pathname);
  document.querySelector('#signin-title').textContent = 'Choose your password';
  document.querySelector('#signin-lead').textContent = 'This link works once. Choose the password you will sign in with from now on.';
  nameField.closest('.field').hidden = true;
  password.autocomplete = 'new-password';
  document.querySelector('#signin-hint').hidden = false;
  submit.textContent = 'Set password and sign in';
}

// Seeing what one typed (ASVS 2.1.12) matters most when choosing a password.
document.querySelector('#signin-show').addEventListener('change', event => {
  password.type = event.target.checked ? 'text' : 'password';
});

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.hidden = true;
  submit.disabled = true;
  const body = link ? { link, password: password.value } : { name: nameField.value.trim(), password: password.value };
  try {
    const response = await fetch(link ? 'api/signin/link' : 'api/signin', {
      method: 'POST', cache: 'no-store', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      location.href = './';
      return;
    }
    const data = await response.json().catch(() => null);
    error.textContent = data?.message || `Signing in failed (HTTP ${response.status}).`;
  } catch {
    error.textContent = 'Could not reach the server. Check your connection and try again.';
  }
  error.hidden = false;
  submit.disabled = false;
  password.focus();
});
