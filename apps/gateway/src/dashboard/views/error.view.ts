import { html } from './html';
import { layout } from './layout.view';

/** Any failure on a dashboard page, with its safe message and the way back. */
export function errorPage(status: number, message: string): string {
  return layout(
    { title: `Error ${status}` },
    html`<section class="card narrow">
      <h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1>
      <p class="error" role="alert">${message}</p>
      <p><a href="/dashboard">Back to the dashboard</a></p>
    </section>`,
  );
}
