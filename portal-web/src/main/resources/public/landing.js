// The script of a document's server-rendered page (/documents/{id}): the page is complete without it; this adds what
// the server leaves to the browser, the related documents, into the section the page holds for them. Nothing the page
// already shows is fetched again.
import * as api from "./api.js";

const main = document.querySelector("main[data-document]");
const section = document.getElementById("related");

async function related() {
  if (!main || !section) return;
  let found;
  try {
    found = await api.related(main.dataset.document, 5);
  } catch {
    // The related documents are a way on, not part of the page: without them it stays as it is.
    return;
  }
  if (!found?.hits?.length) return;
  const list = section.querySelector("ul");
  for (const hit of found.hits) {
    const a = document.createElement("a");
    a.href = "/documents/" + encodeURIComponent(hit.id);
    a.textContent = hit.title || hit.id;
    if (hit.language) a.lang = hit.language;
    const li = document.createElement("li");
    li.append(a);
    list.append(li);
  }
  section.hidden = false;
}

related();
