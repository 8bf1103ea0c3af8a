/** The page for a path, id or run that is not there. */
import { h, panel } from "../html/components.js";
import { renderPage, type Chrome } from "../html/layout.js";

export function renderNotFound(chrome: Chrome, what: string): string {
  return renderPage({
    title: "Not found",
    active: undefined,
    chrome,
    body: panel(
      "Not found",
      `<p class="lead">${h(what)}</p><a class="button" href="${h(chrome.base || "/")}">Overview</a>`,
    ),
  });
}
