// A button that downloads an offline pack: a collection's, or a search's results.
import { el, errorBox } from "./dom.js";
import { bytes, t } from "./i18n.js";

/**
 * `label`'s button: asks for the pack with `ask(signal)` (a Response), waits as long as the portal answers that it is
 * still building it (202, Retry-After), then saves the ZIP as `fileName`. Fetched rather than linked: a private
 * collection's pack needs the curator's token, and a link would save the 202's JSON as if it were the pack.
 */
export function packControl(label, ask, fileName, signal) {
  const status = el("p", { role: "status" });
  const button = el("button", { type: "button", id: "pack" }, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.replaceChildren(t("loading"));
    try {
      let response;
      while ((response = await ask(signal)).status === 202) {
        const seconds = Number(response.headers.get("Retry-After")) || 2;
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      }
      const zip = await response.blob();
      const link = el("a", { href: URL.createObjectURL(zip), download: fileName, hidden: "" });
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked later, not at once: the browser may still be reading the blob to save it.
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      status.replaceChildren(bytes(zip.size));
    } catch (error) {
      if (error.name === "AbortError") return;
      status.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
    }
  });
  return el("div", { class: "pack" }, button, status);
}
