// The portal's search page: one request to /api/search renders one results page.
"use strict";
(function () {
  var messages = {
    fr: { brand: "Portail de preuves", switch: "English", label: "Rechercher des études et des procédures",
      go: "Rechercher", more: "Résultats suivants", dym: "Essayez :", searching: "Recherche…",
      results: function (n) { return n === 0 ? "Aucun document ne correspond." : n + (n === 1 ? " document" : " documents"); },
      page: "p.", untitled: "(sans titre)", failed: "La recherche a échoué : " },
    en: { brand: "Evidence portal", switch: "Français", label: "Search studies and procedures",
      go: "Search", more: "More results", dym: "Try:", searching: "Searching…",
      results: function (n) { return n === 0 ? "No document matches." : n + (n === 1 ? " document" : " documents"); },
      page: "p.", untitled: "(untitled)", failed: "The search failed: " }
  };
  var lang = localStorage.getItem("lang") || ((navigator.language || "fr").slice(0, 2) === "en" ? "en" : "fr");
  var cursor = null;
  var $ = function (id) { return document.getElementById(id); };

  function t(key) { return messages[lang][key]; }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    $("lang").setAttribute("aria-label", t("switch"));
    document.title = t("brand");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Snippets arrive HTML-escaped with <mark> around matches; only <mark> is turned back into markup.
  function snippet(html) {
    var span = el("span");
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      var text = new DOMParser().parseFromString(part, "text/html").documentElement.textContent;
      span.appendChild(inMark ? el("mark", null, text) : document.createTextNode(text));
      return inMark;
    }, false);
    return span;
  }

  function render(response, append) {
    var list = $("hits");
    if (!append) list.textContent = "";
    $("status").textContent = t("results")(response.total);
    var dym = $("dym");
    dym.hidden = !response.didYouMean;
    if (response.didYouMean) dym.querySelector("a").textContent = response.didYouMean;
    (response.hits || []).forEach(function (hit) {
      var item = el("li");
      item.appendChild(el("div", "hit-title", hit.title || t("untitled")));
      var meta = [hit.authors && hit.authors.join(", "), hit.year, hit.type, hit.language].filter(Boolean).join(" · ");
      if (meta) item.appendChild(el("div", "meta", meta));
      (hit.pages || []).forEach(function (page) {
        var line = el("p", "page");
        var link = el("a", null, t("page") + " " + page.page);
        link.href = page.url;
        line.appendChild(link);
        line.appendChild(snippet(page.snippet));
        item.appendChild(line);
      });
      list.appendChild(item);
    });
    cursor = response.nextCursor || null;
    $("more").hidden = !cursor;
  }

  function search(query, append) {
    $("status").textContent = t("searching");
    var url = "api/search?q=" + encodeURIComponent(query) + "&facets=false" +
      (append && cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (r) {
        if (!r.ok) throw new Error(r.body.detail || r.body.title || "HTTP error");
        render(r.body, append);
      })
      .catch(function (e) { $("status").textContent = t("failed") + e.message; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    applyLanguage();
    var params = new URLSearchParams(location.search);
    var q = params.get("q");
    if (q) { $("q").value = q; search(q, false); }
    $("lang").addEventListener("click", function () {
      lang = lang === "fr" ? "en" : "fr";
      localStorage.setItem("lang", lang);
      applyLanguage();
    });
    $("more").querySelector("button").addEventListener("click", function () { search($("q").value, true); });
    $("dym").querySelector("a").addEventListener("click", function (e) {
      e.preventDefault();
      $("q").value = e.target.textContent;
      $("search").requestSubmit();
    });
  });
})();
