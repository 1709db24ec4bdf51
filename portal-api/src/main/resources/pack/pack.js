// The page of an offline pack: the collection, its documents and a search over every page's text, from the data that
// pack-data.js sets in window.PORTAL_PACK (see the pack's contract). A classic script, not a module: Chromium does not
// load modules from file://, and the page must open from a USB stick or a phone's storage with no server and no network.
(function () {
  "use strict";

  // ---------------------------------------------------------------- terms, exactly as PackTerms.of cuts them (Java)

  var ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'/;
  var NON_WORD = /[^\p{L}\p{N}']+/u;
  var MARKS = /\p{M}+/gu;
  var MIN_STEM = 3;
  var ENDINGS = ["ements", "ement", "ations", "ation", "ings", "ing", "ies", "ees", "ee", "es", "ed", "s", "e", "x"];

  function stem(word) {
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = ENDINGS[i];
      if (word.length - ending.length >= MIN_STEM && word.endsWith(ending)) {
        return word.slice(0, word.length - ending.length);
      }
    }
    return word;
  }

  /** The terms of `text` in order, repeats kept: lower case, accents folded, elisions and 's dropped, stemmed. */
  function terms(text) {
    var folded = String(text).replace(/’/g, "'").normalize("NFD").replace(MARKS, "").toLowerCase();
    var out = [];
    var words = folded.split(NON_WORD);
    for (var i = 0; i < words.length; i++) {
      var bare = words[i].replace(ELISION, "");
      if (bare.endsWith("'s")) bare = bare.slice(0, -2);
      var term = stem(bare.replace(/'/g, ""));
      if (term) out.push(term);
    }
    return out;
  }

  // ---------------------------------------------------------------- texts, in the portal's words where it has them

  var MESSAGES = {
    fr: {
      "lang.name": "Français",
      "lang.switch": "Afficher le paquet en français",
      "lang.changed": "Le paquet est maintenant en français.",
      brand: "Portail de preuves",
      offline: "hors ligne",
      skip: "Aller au contenu",
      title: "{title} · hors ligne",
      about: "Paquet hors ligne du {date} · {n} documents",
      online: "Voir la collection en ligne",
      "search.heading": "Rechercher dans le texte",
      "search.label": "Mots à chercher dans toutes les pages",
      "search.go": "Rechercher",
      "search.help": "Les accents et les majuscules ne comptent pas ; une page doit contenir tous les mots.",
      "results.pages": { one: "{n} page contient tous les mots", other: "{n} pages contiennent tous les mots" },
      "results.documents": { one: "dans {n} document", other: "dans {n} documents" },
      "results.noneFor": "Aucun document ne correspond à « {q} ».",
      "results.missing": "Absents de ce paquet : {words}.",
      "results.tipSpelling": "Vérifiez l’orthographe, ou essayez un synonyme.",
      "results.page": "page {n}",
      "results.more": { one: "et {n} autre page :", other: "et {n} autres pages :" },
      "results.openPage": "Ouvrir le PDF à la page {n}",
      "results.noFile": "PDF non inclus dans ce paquet",
      "results.toDocument": "Fiche du document",
      documents: "Documents",
      empty: "Ce paquet ne contient aucun document.",
      "collection.note": "Note du curateur :",
      "doc.untitled": "(sans titre)",
      "doc.authors": "Auteurs",
      "doc.date": "Date",
      "doc.type": "Type",
      "doc.language": "Langue",
      "doc.countries": "Pays",
      "doc.topics": "Thèmes",
      "doc.doi": "DOI",
      "doc.license": "Licence",
      "doc.pages": "Pages",
      "cite.label": "Pour citer :",
      "doc.openSize": "Ouvrir le PDF ({size})",
      "doc.noFile": "Le PDF de ce document n’a pas été mis dans le paquet (trop lourd, ou laissé de côté) : la recherche dit la page, le portail en ligne a le fichier.",
      "type.study": "Étude",
      "type.article": "Article",
      "type.protocol": "Protocole",
      "type.operating_procedure": "Procédure opérationnelle",
      "type.guideline": "Recommandation",
      "type.report": "Rapport",
      "type.poster": "Poster",
      "type.thesis": "Thèse",
      footer: "Version {version}. Cette page fonctionne sans connexion : gardez le dossier entier, fichiers compris.",
      noData: "Les données du paquet (pack-data.js) manquent à côté de cette page : décompressez tout le paquet dans un même dossier.",
    },
    en: {
      "lang.name": "English",
      "lang.switch": "Show the pack in English",
      "lang.changed": "The pack is now in English.",
      brand: "Evidence portal",
      offline: "offline",
      skip: "Skip to content",
      title: "{title} · offline",
      about: "Offline pack of {date} · {n} documents",
      online: "See the collection online",
      "search.heading": "Search the text",
      "search.label": "Words to find on every page",
      "search.go": "Search",
      "search.help": "Accents and capitals do not matter; a page must hold every word.",
      "results.pages": { one: "{n} page holds every word", other: "{n} pages hold every word" },
      "results.documents": { one: "in {n} document", other: "in {n} documents" },
      "results.noneFor": "No document matches “{q}”.",
      "results.missing": "Not in this pack: {words}.",
      "results.tipSpelling": "Check the spelling, or try a synonym.",
      "results.page": "page {n}",
      "results.more": { one: "and {n} more page:", other: "and {n} more pages:" },
      "results.openPage": "Open the PDF at page {n}",
      "results.noFile": "PDF not included in this pack",
      "results.toDocument": "Document details",
      documents: "Documents",
      empty: "This pack holds no document.",
      "collection.note": "Curator’s note:",
      "doc.untitled": "(untitled)",
      "doc.authors": "Authors",
      "doc.date": "Date",
      "doc.type": "Type",
      "doc.language": "Language",
      "doc.countries": "Countries",
      "doc.topics": "Topics",
      "doc.doi": "DOI",
      "doc.license": "Licence",
      "doc.pages": "Pages",
      "cite.label": "To cite:",
      "doc.openSize": "Open the PDF ({size})",
      "doc.noFile": "This document’s PDF was not put in the pack (too large, or left out): the search says the page, the online portal has the file.",
      "type.study": "Study",
      "type.article": "Article",
      "type.protocol": "Protocol",
      "type.operating_procedure": "Operating procedure",
      "type.guideline": "Guideline",
      "type.report": "Report",
      "type.poster": "Poster",
      "type.thesis": "Thesis",
      footer: "Version {version}. This page works without a connection: keep the whole folder, files included.",
      noData: "The pack’s data (pack-data.js) is missing beside this page: unzip the whole pack into one folder.",
    },
  };

  var LANGUAGES = ["fr", "en"];
  var lang = chooseLanguage();

  function chooseLanguage() {
    var saved = null;
    try {
      saved = localStorage.getItem("portal.lang");
    } catch {
      // Storage refused (a strict file:// setting): the browser's languages decide.
    }
    if (LANGUAGES.indexOf(saved) >= 0) return saved;
    var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < tags.length; i++) {
      var base = String(tags[i]).slice(0, 2).toLowerCase();
      if (LANGUAGES.indexOf(base) >= 0) return base;
    }
    return "fr";
  }

  var other = function () {
    return lang === "fr" ? "en" : "fr";
  };

  function t(key, params) {
    params = params || {};
    var text = MESSAGES[lang][key];
    if (text == null) return key;
    if (typeof text === "object") text = text[new Intl.PluralRules(lang).select(params.n || 0)] || text.other;
    return text.replace(/\{(\w+)\}/g, function (_, name) {
      var value = params[name];
      return typeof value === "number" ? new Intl.NumberFormat(lang).format(value) : value == null ? "" : value;
    });
  }

  /** The reader's language of a {fr, en} pair, else the other one with its lang. */
  function localized(pair) {
    if (pair && pair[lang]) return { text: pair[lang], lang: null };
    if (pair && pair[other()]) return { text: pair[other()], lang: other() };
    return { text: "", lang: null };
  }

  function date(value) {
    if (!value) return "";
    var day = /^\d{4}-\d{2}-\d{2}$/.test(value);
    var parsed = new Date(day ? value + "T00:00:00Z" : value);
    if (isNaN(parsed.getTime())) return value;
    return new Intl.DateTimeFormat(lang, day ? { dateStyle: "long", timeZone: "UTC" } : { dateStyle: "long" }).format(parsed);
  }

  function size(bytes) {
    var pair = bytes >= 1e6 ? [bytes / 1e6, "megabyte"] : bytes >= 1e3 ? [bytes / 1e3, "kilobyte"] : [bytes, "byte"];
    return new Intl.NumberFormat(lang, { style: "unit", unit: pair[1], unitDisplay: "short", maximumFractionDigits: 1 }).format(pair[0]);
  }

  function displayName(type, code) {
    try {
      return new Intl.DisplayNames([lang], { type: type, fallback: "code" }).of(code) || code;
    } catch {
      return code;
    }
  }

  var langOf = function (code) {
    return /^[a-z]{2}$/.test(code || "") ? code : null;
  };

  // ---------------------------------------------------------------- the DOM

  function el(name, attributes) {
    var node = document.createElement(name);
    for (var key in attributes || {}) {
      if (attributes[key] != null) node.setAttribute(key, attributes[key]);
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else node.append(child);
  }

  var $ = function (id) {
    return document.getElementById(id);
  };

  // ---------------------------------------------------------------- the pack

  var pack = window.PORTAL_PACK;
  var postings = {};

  /** The pages holding `term`, as ascending page ordinals (decoded from gaps once, then kept). */
  function pagesOf(term) {
    if (postings[term]) return postings[term];
    var gaps = pack.search.terms[term];
    if (!gaps) return null;
    var ordinals = new Array(gaps.length);
    var previous = 0;
    for (var i = 0; i < gaps.length; i++) ordinals[i] = previous += gaps[i];
    return (postings[term] = ordinals);
  }

  /** The pages holding every term of `query`: {pages: ordinals, missing: the query's words found nowhere}. */
  function find(query) {
    var wanted = [];
    var missing = [];
    query.split(/\s+/).forEach(function (word) {
      terms(word).forEach(function (term) {
        if (wanted.indexOf(term) >= 0) return;
        wanted.push(term);
        if (!pagesOf(term)) missing.push(word);
      });
    });
    if (!wanted.length) return null;
    if (missing.length) return { terms: wanted, pages: [], missing: missing };
    var lists = wanted.map(pagesOf).sort(function (a, b) { return a.length - b.length; });
    var pages = lists[0];
    for (var i = 1; i < lists.length && pages.length; i++) pages = intersect(pages, lists[i]);
    return { terms: wanted, pages: pages, missing: [] };
  }

  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] === b[j]) {
        out.push(a[i]);
        i++;
        j++;
      } else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  var WORD = /[\p{L}\p{M}\p{N}'’]+/gu;
  var BEFORE = 80;
  var LENGTH = 240;

  var termOfWord = new Map();

  /** The term of one word of a page, remembered: a page's words repeat, and snippets read hundreds of pages. */
  function termOf(word) {
    var term = termOfWord.get(word);
    if (term === undefined) {
      term = terms(word)[0] || "";
      termOfWord.set(word, term);
    }
    return term;
  }

  /** A passage of `text` around the first word whose term is wanted, those words in <mark>. */
  function snippet(text, wanted) {
    var words = [];
    var first = -1;
    var to = text.length;
    WORD.lastIndex = 0;
    for (var m; (m = WORD.exec(text)) && m.index < to; ) {
      var hit = wanted.indexOf(termOf(m[0])) >= 0;
      if (hit && first < 0) {
        first = words.length;
        // Past the passage's end, words need not be cut: the passage is BEFORE + LENGTH characters at most.
        to = m.index + LENGTH;
      }
      words.push({ start: m.index, end: m.index + m[0].length, hit: hit });
    }
    var from = 0;
    if (first >= 0) {
      from = Math.max(0, words[first].start - BEFORE);
      while (from > 0 && /\S/.test(text[from - 1])) from--;
    }
    to = Math.min(text.length, from + LENGTH);
    while (to < text.length && /\S/.test(text[to])) to++;
    var nodes = [from > 0 ? "… " : ""];
    var at = from;
    words.forEach(function (w) {
      if (!w.hit || w.start < from || w.end > to) return;
      nodes.push(text.slice(at, w.start), el("mark", null, text.slice(w.start, w.end)));
      at = w.end;
    });
    nodes.push(text.slice(at, to), to < text.length ? " …" : "");
    return nodes.map(function (n) { return typeof n === "string" ? n.replace(/\s+/g, " ") : n; });
  }

  // ---------------------------------------------------------------- rendering

  var SNIPPETS_PER_DOCUMENT = 3;

  function pageLink(doc, number) {
    var words = t("results.page", { n: number });
    return doc.file
      ? el("a", { href: encodeURI(doc.file) + "#page=" + number, title: t("results.openPage", { n: number }) }, words)
      : words;
  }

  function showResults(query) {
    var results = $("results");
    var count = $("count");
    results.textContent = "";
    var found = query ? find(query) : null;
    if (!found) {
      count.textContent = "";
      return;
    }
    if (!found.pages.length) {
      count.textContent = t("results.noneFor", { q: query });
      results.append(
        el(
          "p",
          { class: "meta" },
          found.missing.length ? t("results.missing", { words: found.missing.join(", ") }) + " " : "",
          t("results.tipSpelling"),
        ),
      );
      return;
    }
    var byDocument = new Map();
    found.pages.forEach(function (ordinal) {
      var page = pack.search.pages[ordinal];
      if (!byDocument.has(page[0])) byDocument.set(page[0], []);
      byDocument.get(page[0]).push(page);
    });
    count.textContent = t("results.pages", { n: found.pages.length }) + " " + t("results.documents", { n: byDocument.size }) + ".";
    var groups = Array.from(byDocument.entries()).sort(function (a, b) {
      return b[1].length - a[1].length || a[0] - b[0];
    });
    results.append(
      el(
        "ol",
        { class: "hits" },
        groups.map(function (group) {
          var doc = pack.documents[group[0]];
          var pages = group[1];
          var shown = pages.slice(0, SNIPPETS_PER_DOCUMENT);
          var rest = pages.slice(SNIPPETS_PER_DOCUMENT);
          return el(
            "li",
            { class: "hit", "data-document": doc.id },
            el("h3", null, el("a", { href: "#doc-" + group[0], lang: langOf(doc.language) }, doc.title || t("doc.untitled"))),
            doc.file ? null : el("p", { class: "meta" }, t("results.noFile")),
            el(
              "ul",
              { class: "pages" },
              shown.map(function (page) {
                return el(
                  "li",
                  { "data-page": page[1] },
                  el("strong", null, pageLink(doc, page[1])),
                  " ",
                  el("span", { class: "snippet", lang: langOf(doc.language) }, snippet(page[2], found.terms)),
                );
              }),
            ),
            rest.length
              ? el(
                  "p",
                  { class: "more" },
                  t("results.more", { n: rest.length }),
                  " ",
                  rest.map(function (page, i) {
                    return [i ? ", " : "", pageLink(doc, page[1])];
                  }),
                )
              : null,
          );
        }),
      ),
    );
  }

  function metadata(doc) {
    var rows = [
      ["doc.authors", (doc.authors || []).join("; ")],
      ["doc.date", date(doc.date)],
      ["doc.type", doc.type ? t("type." + doc.type) : ""],
      ["doc.language", doc.language ? displayName("language", doc.language) : ""],
      ["doc.countries", (doc.countries || []).map(function (c) { return displayName("region", String(c).toUpperCase()); }).join(", ")],
      ["doc.topics", (doc.topics || []).join(", ")],
      ["doc.doi", doc.doi ? el("a", { href: "https://doi.org/" + doc.doi }, doc.doi) : ""],
      ["doc.license", doc.licence || ""],
      ["doc.pages", doc.pages ? new Intl.NumberFormat(lang).format(doc.pages) : ""],
    ].filter(function (row) { return row[1]; });
    return el(
      "dl",
      { class: "facts" },
      rows.map(function (row) {
        return el("div", null, el("dt", null, t(row[0])), el("dd", null, row[1]));
      }),
    );
  }

  function showDocuments() {
    var list = $("documents");
    list.textContent = "";
    if (!pack.documents.length) {
      list.replaceWith(el("p", { id: "documents" }, t("empty")));
      return;
    }
    pack.documents.forEach(function (doc, i) {
      var note = localized(doc.note);
      list.append(
        el(
          "li",
          { id: "doc-" + i, class: "document", tabindex: "-1" },
          el("h3", { lang: langOf(doc.language) }, doc.title || t("doc.untitled")),
          note.text ? el("p", { class: "note" }, el("strong", null, t("collection.note")), " ", el("span", { lang: note.lang }, note.text)) : null,
          metadata(doc),
          doc.file
            ? el("p", null, el("a", { href: encodeURI(doc.file), class: "file" }, t("doc.openSize", { size: size(doc.bytes) })))
            : el("p", { class: "meta" }, t("doc.noFile")),
          doc.citation ? el("p", { class: "citation" }, el("strong", null, t("cite.label")), " ", doc.citation) : null,
        ),
      );
    });
  }

  function showTexts() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-text]").forEach(function (node) {
      node.textContent = t(node.getAttribute("data-text"));
    });
    var switcher = $("lang");
    switcher.textContent = MESSAGES[other()]["lang.name"];
    switcher.lang = other();
    switcher.title = MESSAGES[other()]["lang.switch"];
    var title = localized(pack.collection.title);
    var description = localized(pack.collection.description);
    document.title = t("title", { title: title.text });
    $("title").textContent = title.text;
    $("title").lang = title.lang || "";
    $("description").textContent = description.text;
    $("description").lang = description.lang || "";
    $("about").textContent = t("about", { date: date(pack.built), n: pack.documents.length });
    if (/^https?:\/\//.test(pack.portal || "")) {
      $("about").append(" · ", el("a", { href: pack.collection.address || pack.portal.replace(/\/?$/, "/") + "#/collections/" + encodeURIComponent(pack.collection.slug) }, t("online")));
    }
    $("footer").textContent = t("footer", { version: String(pack.version).slice(0, 12) });
  }

  function queryOfAddress() {
    var match = /^#q=(.*)$/.exec(location.hash);
    if (!match) return "";
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return "";
    }
  }

  function search(query) {
    showResults(query.trim());
    // The query in the address, so that coming back from a PDF (which reloads a file:// page) shows the same hits.
    try {
      history.replaceState(null, "", query.trim() ? "#q=" + encodeURIComponent(query.trim()) : location.pathname);
    } catch {
      // A browser refusing to change a file:// address: the search still works, it is just not remembered.
    }
  }

  function start() {
    if (!pack || !pack.search) {
      $("title").textContent = MESSAGES[lang].noData;
      document.querySelectorAll("section").forEach(function (s) { s.hidden = true; });
      return;
    }
    showTexts();
    showDocuments();
    var input = $("q");
    var pending = null;
    $("search").addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(pending);
      search(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(function () { search(input.value); }, 300);
    });
    $("lang").addEventListener("click", function () {
      lang = other();
      try {
        localStorage.setItem("portal.lang", lang);
      } catch {
        // Not remembered; the page still switches.
      }
      showTexts();
      showDocuments();
      showResults(input.value.trim());
      $("count").textContent = t("lang.changed") + " " + $("count").textContent;
    });
    var query = queryOfAddress();
    if (query) {
      input.value = query;
      showResults(query);
    }
  }

  // For the browser test and for anyone checking a pack by hand: the same cut of words as the Java side.
  window.PORTAL_PACK_TERMS = terms;
  start();
})();
