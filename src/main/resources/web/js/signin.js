// The sign-in page: name and password, or (?link=...) choosing a password with a one-time sign-in link.
// Relative URLs, like the app, so it works behind a proxy under any path.
const form = document.querySelector('#signin-form');
const nameField = document.querySelector('#signin-name');
const password = document.querySelector('#signin-password');
const error = document.querySelector('#signin-error');
const submit = document.querySelector('#signin-submit');
const link = new URLSearchParams(location.search).get('link');
// Signed in already and changing the password: the current one proves it is really you.
const change = !link && new URLSearchParams(location.search).has('change');
const current = document.querySelector('#signin-current');

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

if (change) {
  document.querySelector('#signin-title').textContent = 'Change your password';
  document.querySelector('#signin-lead').textContent = 'Your other browsers will be signed out.';
  nameField.closest('.field').hidden = true;
  document.querySelector('#current-field').hidden = false;
  document.querySelector('#signin-password-label').textContent = 'New password';
  password.autocomplete = 'new-password';
  document.querySelector('#signin-hint').hidden = false;
  submit.textContent = 'Change password';
}

// Sign-in through the organisation's OpenID Connect provider, when the server has one (OIDC_ISSUER).
// A failed one comes back here as ?error=<code>; say what happened in words.
const OIDC_ERRORS = {
  oidc_not_allowed: 'Your account at the sign-in provider is not on this server\'s list of who may sign in. Ask your administrator to add you.',
  oidc_email: 'The sign-in provider did not confirm your e-mail address. Verify it there, then try again.',
  oidc_state: 'That sign-in expired or was already used. Please start again.',
  oidc_denied: 'The sign-in was cancelled at the provider.',
  oidc_unavailable: 'The sign-in provider could not be reached. Try again in a moment, or sign in with your name and password.',
  oidc_busy: 'Too many sign-ins are under way right now. Try again in a few minutes.',
  oidc_failed: 'Signing in through the provider failed. Please try again.',
};
const oidcError = new URLSearchParams(location.search).get('error');
if (oidcError && !link && !change) {
  history.replaceState(null, '', location.pathname);
  error.textContent = OIDC_ERRORS[oidcError] || OIDC_ERRORS.oidc_failed;
  error.hidden = false;
}
if (!link && !change) {
  fetch('api/signin/options', { cache: 'no-store', headers: { Accept: 'application/json' } })
    .then(response => (response.ok ? response.json() : null))
    .then(options => {
      if (options?.oidc) {
        document.querySelector('#oidc-signin').textContent = `Sign in with ${options.oidc_provider}`;
        document.querySelector('#oidc-option').hidden = false;
      }
    })
    .catch(() => {});
}

function request() {
  if (link) {
    return ['api/signin/link', { link, password: password.value }];
  }
  if (change) {
    return ['api/password', { current_password: current.value, new_password: password.value }];
  }
  return ['api/signin', { name: nameField.value.trim(), password: password.value }];
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.hidden = true;
  submit.disabled = true;
  const [url, body] = request();
  try {
    const response = await fetch(url, {
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
