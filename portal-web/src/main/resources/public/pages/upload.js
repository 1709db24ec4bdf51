// Depositing a file: drop it or choose it, watch the transfer, then the portal reading and indexing it, while the
// description is completed from the start of the transfer (fields the file gives are filled in when it has been read)
// and sent for review.
import * as api from "../api.js";
import { announce, el, errorBox, fill, setTitle } from "../dom.js";
import { bytes, failureText, number, t } from "../i18n.js";
import { route } from "../router.js";
import { requireRole } from "../session.js";
import { metadataForm } from "./metadata.js";

const STEPS = ["sent", "queued", "extracting", "indexed"];
const DONE = ["indexed", "failed", "extracted"];

// The deposit under way, kept here rather than in the page so that redrawing the page (a language switch, a visit
// to another page and back) shows it as it stands.
let job = null;
let view = null;

export async function render({ main, params }) {
  setTitle(t("upload.title"));
  if (!requireRole(main, "contributor", t("upload.title"))) return;
  const supersedes = params.get("supersedes");
  if (job && job.supersedes !== supersedes && !job.transfer) job = null;
  const heading = el("h1", { tabindex: "-1" }, supersedes ? t("upload.newVersion") : t("upload.title"));
  main.append(heading);
  if (supersedes) {
    api
      .document(supersedes)
      .then((old) => heading.after(el("p", { class: "lead" }, t("upload.replaces"), " ", el("a", { href: "#/documents/" + old.id }, old.title || t("doc.untitled")))))
      .catch(() => {});
  }
  view = draw(main, supersedes);
  update();
}

function draw(main, supersedes) {
  const input = el("input", { type: "file", id: "file", accept: ".pdf,.docx,.html,.htm,.md,.txt", "aria-describedby": "file-help" });
  const zone = el(
    "div",
    { class: "drop" },
    el("label", { for: "file" }, t("upload.drop")),
    input,
    el("p", { id: "file-help", class: "help" }, t("upload.formats")),
  );
  input.addEventListener("change", () => input.files[0] && start(input.files[0], supersedes));
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer.files[0]) start(e.dataTransfer.files[0], supersedes);
  });
  const progress = el("progress", { id: "progress", max: "100", value: "0" });
  const v = {
    zone,
    chosen: el("p", { class: "lead" }),
    progressText: el("p", { id: "progress-text" }),
    progress,
    cancel: el("button", { type: "button", class: "secondary", onclick: () => job?.transfer?.abort() }, t("upload.cancel")),
    steps: el("ol", { class: "steps" }, STEPS.map((step) => el("li", { "data-step": step }, t("upload.step." + step), el("span", { class: "sr-only" })))),
    reason: el("div"),
    error: el("div"),
    transfer: null,
    processing: null,
    describe: el("section", { "aria-labelledby": "describe-h", hidden: true }),
  };
  v.transfer = el(
    "section",
    { "aria-labelledby": "transfer-h", hidden: true },
    el("h2", { id: "transfer-h" }, t("upload.transfer")),
    v.chosen,
    el("label", { for: "progress", class: "sr-only" }, t("upload.transfer")),
    progress,
    v.progressText,
    el("div", { class: "actions" }, v.cancel),
  );
  v.processing = el("section", { "aria-labelledby": "processing-h", hidden: true }, el("h2", { id: "processing-h" }, t("upload.processing")), v.steps, v.reason);
  main.append(el("p", null, t("upload.lead")), zone, v.error, v.transfer, v.processing, v.describe);
  if (job && job.phase !== "failed" && job.phase !== "cancelled") drawDescription(v);
  return v;
}

function start(file, supersedes) {
  job = { file, supersedes, sent: 0, total: file.size, phase: "sending", id: null, status: null, doc: null, form: null, typed: {} };
  // Resolved with the document's id once the file has arrived: saving the description waits for it.
  job.arrived = new Promise((resolve, reject) => Object.assign(job, { resolve, reject }));
  job.arrived.catch(() => {});
  view.error.replaceChildren();
  update();
  drawDescription();
  announce(t("upload.started", { name: file.name }));
  send();
}

async function send() {
  const current = job;
  let announced = 0;
  current.transfer = api.upload(current.file, {
    supersedes: current.supersedes,
    onProgress: (sent, total) => {
      current.sent = sent;
      current.total = total;
      const percent = Math.floor((sent / total) * 100);
      // Every quarter, not every event: a screen reader would read nothing else.
      if (percent >= announced + 25) {
        announced = percent - (percent % 25);
        announce(t("upload.percent", { n: announced }));
      }
      update();
    },
  });
  let answer;
  try {
    answer = await current.transfer.done;
  } catch (error) {
    current.transfer = null;
    if (error.name !== "AbortError") return fail(current, error);
    current.phase = "cancelled";
    current.reject(error);
    view.describe.hidden = true;
    announce(t("upload.cancelled"));
    update();
    return;
  }
  current.transfer = null;
  current.phase = "processing";
  current.id = answer.id;
  current.sent = current.total;
  current.resolve(answer.id);
  announce(t("upload.sent"));
  update();
  // The form drawn at the start stays, with what is being typed in it; only the link to the document is new.
  const see = view.describe.querySelector(".upload-see");
  if (see) Object.assign(see, { href: "#/documents/" + answer.id, hidden: false });
  view.describe.querySelector(".while-sending")?.remove();
  poll(current, 500);
}

function fail(current, error) {
  current.transfer = null;
  current.phase = "failed";
  current.error = error;
  current.reject(error);
  if (view) view.describe.hidden = true;
  announce(t("upload.failed"));
  update();
}

async function poll(current, delay) {
  if (job !== current) return;
  try {
    current.status = await api.documentStatus(current.id);
  } catch (error) {
    // A lost connection or a busy server: shown, and asked again a little later.
    current.pollError = error;
  }
  update();
  const state = current.status?.status;
  if (DONE.includes(state)) {
    announce(state === "failed" ? t("status.failed") : t("upload.indexed"));
    await loadDocument(current);
    return;
  }
  setTimeout(() => poll(current, Math.min(delay * 1.5, 4000)), delay);
}

async function loadDocument(current) {
  try {
    current.doc = await api.document(current.id);
  } catch (error) {
    current.pollError = error;
  }
  if (job === current) drawDescription();
}

function update() {
  if (!view) return;
  const v = view;
  v.transfer.hidden = !job;
  v.processing.hidden = !job?.id;
  v.zone.hidden = Boolean(job && (job.transfer || job.id));
  if (!job) return;
  v.chosen.textContent = t("upload.file", { name: job.file.name, size: bytes(job.file.size) });
  const percent = job.total ? Math.round((job.sent / job.total) * 100) : 0;
  v.progress.value = percent;
  // a refused or broken transfer shows no full bar: the text below says what happened
  v.progress.hidden = job.phase === "failed";
  v.progressText.textContent =
    job.phase === "sending"
      ? t("upload.progress", { percent: number(percent / 100, { style: "percent" }), sent: bytes(job.sent), total: bytes(job.total) })
      : t("upload.phase." + job.phase);
  v.cancel.hidden = job.phase !== "sending";
  if (job.phase === "failed" && job.error) {
    const existing = job.error.problem?.existingId;
    fill(
      v.error,
      errorBox(job.error),
      existing ? el("p", null, el("a", { href: "#/documents/" + existing }, t("upload.existing"))) : null,
      el("button", { type: "button", class: "secondary", onclick: reset }, t("upload.another")),
    );
  }
  const state = job.status?.status || (job.id ? "queued" : null);
  const position = { queued: 1, extracting: 2, indexed: 3, extracted: 3, failed: 2 }[state] ?? 0;
  for (const item of v.steps.children) {
    const index = STEPS.indexOf(item.dataset.step);
    const now = state === "failed" ? "failed" : DONE.includes(state) ? "done" : "now";
    item.className = index < position ? "done" : index === position ? now : "";
    item.lastChild.textContent = item.className === "done" || item.className === "failed" ? " – " + t("upload.stepState." + item.className) : "";
    if (item.className === "now") item.setAttribute("aria-current", "step");
    else item.removeAttribute("aria-current");
  }
  const s = job.status;
  fill(
    v.reason,
    state === "failed" ? el("div", { class: "error" }, el("p", null, t("status.failed")), failureText(s) ? el("p", null, failureText(s)) : null) : null,
    state === "indexed" && s?.pageCount != null ? el("p", { class: "ok" }, t("upload.indexedPages", { n: s.pageCount })) : null,
    state === "extracted" ? el("p", null, t("status.extracted")) : null,
    job.pollError && !DONE.includes(state) ? el("p", { class: "help" }, t("upload.pollRetry")) : null,
  );
}

function drawDescription(v = view) {
  if (!v || !job) return;
  const current = job;
  if (current.form) current.typed = current.form.changes();
  // Drawn empty with what the person typed, then filled from the document: what the file gave is marked as such.
  const form = metadataForm({}, "upload", current.typed, {
    confirm: async (field) => (current.doc = await api.confirmDoubts(current.id, field)),
  });
  current.form = form;
  if (current.doc) form.fill(current.doc);
  const status = el("div", { role: "status" });
  const actions = current.doc?.actions || [];
  const save = async (then) => {
    status.replaceChildren();
    try {
      if (!current.id) status.replaceChildren(el("p", null, t("upload.whileSending")));
      await current.arrived;
      const changes = form.changes();
      if (Object.keys(changes).length) current.doc = await api.changeDocument(current.id, changes);
      if (then) current.doc = await api.documentAction(current.id, then);
      current.typed = form.changes();
      announce(t(then ? "manage.done." + then : "manage.done.edit"));
      status.replaceChildren(el("p", { class: "ok" }, t(then ? "manage.done." + then : "manage.done.edit"), " ", el("a", { href: "#/documents/" + current.id }, t("upload.see"))));
    } catch (error) {
      status.replaceChildren(errorBox(error));
      form.showErrors(error.problem)?.focus();
    }
  };
  v.describe.hidden = false;
  v.describe.replaceChildren(
    el("h2", { id: "describe-h" }, t("upload.describe")),
    el("p", { class: "help" }, current.doc ? t("upload.filledHelp") : t("upload.fillHelp"), current.id ? null : el("span", { class: "while-sending" }, " " + t("upload.whileSending"))),
    el(
      "form",
      {
        onsubmit: (e) => {
          e.preventDefault();
          save(null);
        },
      },
      form.element,
      el(
        "div",
        { class: "actions" },
        el("button", { type: "submit", class: "secondary" }, t("manage.save")),
        actions.includes("submit") ? el("button", { type: "button", onclick: () => save("submit") }, t("manage.submit")) : null,
        actions.includes("publish") ? el("button", { type: "button", onclick: () => save("publish") }, t("manage.publish")) : null,
        el("a", { class: "upload-see", href: "#/documents/" + current.id, hidden: !current.id }, t("upload.see")),
        el("button", { type: "button", class: "link", onclick: reset }, t("upload.another")),
      ),
      status,
    ),
  );
}

function reset() {
  job?.transfer?.abort();
  job = null;
  route();
}

// A file dropped beside the zone would make the browser leave the page to show it.
for (const type of ["dragover", "drop"]) {
  window.addEventListener(type, (e) => {
    if (view && !view.zone.contains(e.target)) e.preventDefault();
  });
}
