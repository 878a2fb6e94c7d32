import { html } from './html';
import { layout } from './layout.view';

/** The sign-in form: the only thing shown without a session, with no account data at all. */
export function signInPage(message?: string): string {
  return layout(
    { title: 'Sign in' },
    html`<section class="card narrow">
      <h1>Sign in</h1>
      <p>
        Paste one of your account's API keys. The key is checked once and is not kept: the browser
        gets a session cookie instead.
      </p>
      ${message && html`<p class="error" role="alert">${message}</p>`}
      <form method="post" action="/dashboard/session" class="stack">
        <label for="key">API key</label>
        <input
          id="key"
          name="key"
          type="password"
          autocomplete="off"
          spellcheck="false"
          required
          placeholder="kr-…"
        />
        <button type="submit">Sign in</button>
      </form>
    </section>`,
  );
}
