/** The sign-in page, and the page served in the dashboard's place when no admin password is set. */
import { errorBox, h } from "../html/components.js";
import { renderBarePage } from "../html/layout.js";

export function renderLogin(input: { base: string; csrf: string; error?: string; next?: string }): string {
  const next = input.next ? `<input type="hidden" name="next" value="${h(input.next)}">` : "";
  const body =
    `<div class="login"><section class="panel"><h1>guardstack</h1><div class="sub">Monitoring dashboard — sign in as the administrator.</div>` +
    (input.error ? `<div class="error-wrap">${errorBox(input.error)}</div>` : "") +
    `<form method="post" action="${h(input.base)}/login">` +
    `<input type="hidden" name="_csrf" value="${h(input.csrf)}">${next}` +
    `<label class="f" for="password">Admin password<input id="password" name="password" type="password" autocomplete="current-password" required autofocus></label>` +
    `<button class="primary" type="submit">Sign in</button></form></section></div>`;
  return renderBarePage("Sign in", body);
}

export function renderDashboardOff(reason: string): string {
  return renderBarePage(
    "Dashboard off",
    `<div class="login"><section class="panel"><h1>Dashboard off</h1><p class="lead">${h(reason)}</p></section></div>`,
  );
}
