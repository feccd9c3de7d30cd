// The review app's pages, enhanced: math rendered by KaTeX, keyboard shortcuts, decisions sent to the
// JSON API with the session's CSRF token. Plain JS, no build step, nothing loaded from elsewhere.
// Model text is never put into the page from here except as textContent (the server rendered it
// already, escaped); KaTeX runs with trust off, so TeX cannot make links, styles or requests.
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="csrf"]').content;

  // render.reveal_invisible's twin, for text the API sends back (an edit's verdict evidence): every
  // control, format (bidi, zero-width) or other invisible character except newline and tab is written
  // out as ⟨U+XXXX⟩, so nothing shown reads differently from what is stored
  const INVISIBLE = /[\p{Cc}\p{Cf}\u115f\u1160\u2028\u2029\u2800\u3164\uffa0]/gu;
  function reveal(text) {
    return String(text).replace(INVISIBLE, function (c) {
      if (c === "\n" || c === "\t") return c;
      return "\u27e8U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + "\u27e9";
    });
  }

  function toast(message, bad) {
    const el = document.getElementById("toast");
    el.textContent = message;
    el.className = bad ? "show bad" : "show";
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { el.className = ""; }, 4000);
  }

  // one way to call the API: JSON in and out, the CSRF header on every call, errors as {"error": …}
  async function api(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      window.location.assign("/login");
      throw new Error("logged out");
    }
    const data = response.status === 204 ? null : await response.json();
    if (!response.ok) {
      throw new Error((data && data.error) || "request failed: " + response.status);
    }
    return data;
  }

  // --- math: the server marked each span (review/render.py); TeX comes from data-tex, never HTML ---
  const KATEX_OPTIONS = {
    throwOnError: false, // a TeX error shows the source in red instead of losing it
    trust: false, // no \href, \url, \includegraphics, \htmlClass …: nothing clickable, nothing fetched
    strict: "ignore",
    maxSize: 20, // em: a huge \rule cannot cover the page and its buttons
    maxExpand: 500, // macro expansions: a self-expanding macro stops instead of hanging the tab
  };

  // TeX that would hide text from the reviewer is redefined to show it: phantoms and overlaps render
  // their content, colours are dropped (no white on white), and \def & co. cannot undo this
  const VISIBLE_MACROS = {
    "\\phantom": "{#1}", "\\hphantom": "{#1}", "\\vphantom": "{#1}", "\\smash": "{#1}",
    "\\llap": "{#1}", "\\rlap": "{#1}", "\\clap": "{#1}",
    "\\mathllap": "{#1}", "\\mathrlap": "{#1}", "\\mathclap": "{#1}",
    "\\color": "\\@secondoftwo{#1}{}", "\\textcolor": "\\@secondoftwo{#1}{#2}",
    "\\colorbox": "\\@secondoftwo{#1}{#2}", "\\fcolorbox": "\\@secondoftwo{#1#2}{#3}",
    "\\def": "\\text{\\textbackslash def}", "\\gdef": "\\text{\\textbackslash gdef}",
    "\\edef": "\\text{\\textbackslash edef}", "\\xdef": "\\text{\\textbackslash xdef}",
    "\\let": "\\text{\\textbackslash let}", "\\global": "\\text{\\textbackslash global}",
    "\\futurelet": "\\text{\\textbackslash futurelet}",
    "\\newcommand": "\\text{\\textbackslash newcommand}",
    "\\renewcommand": "\\text{\\textbackslash renewcommand}",
    "\\providecommand": "\\text{\\textbackslash providecommand}",
  };

  function renderMath(root) {
    if (!window.katex) return; // no script, no KaTeX: the delimited TeX source stays readable
    root.querySelectorAll("span.math[data-tex]").forEach(function (el) {
      const options = Object.assign({}, KATEX_OPTIONS, {
        displayMode: el.classList.contains("math-display"),
        macros: Object.assign({}, VISIBLE_MACROS), // a fresh copy: one span's definitions never reach another
      });
      try {
        window.katex.render(el.dataset.tex, el, options);
        el.classList.add("rendered");
        el.title = el.dataset.tex; // the source on hover; `t` shows every formula's source
      } catch (err) {
        el.title = String(err && err.message); // keep the source shown
      }
    });
  }

  // --- the review page ------------------------------------------------------------------------------
  function reviewPage() {
    const root = document.getElementById("review");
    if (!root) return;
    const itemId = root.dataset.item;
    const queueId = root.dataset.queue;
    const steps = Array.from(root.querySelectorAll("li.step"));
    const ratings = new Map(); // step index → 1 | 0 | -1
    const opened = performance.now();
    let selected = steps.length ? 1 : 0;
    let busy = false;

    function select(index) {
      if (index < 1 || index > steps.length) return;
      selected = index;
      steps.forEach(function (li) { li.classList.toggle("selected", Number(li.dataset.index) === index); });
      steps[index - 1].scrollIntoView({ block: "nearest" });
    }

    function rate(index, value) {
      ratings.set(index, value);
      const li = steps[index - 1];
      li.dataset.rating = String(value);
      li.querySelectorAll("button[data-rate]").forEach(function (b) {
        b.classList.toggle("on", Number(b.dataset.rate) === value);
      });
      if (index < steps.length) select(index + 1); // PRM800K-style: rate, move on
    }

    // ratings from step 1 up to the first step not rated (the API takes a list without gaps);
    // the first wrong step is the first rated −1
    function collected() {
      const list = [];
      for (let i = 1; i <= steps.length && ratings.has(i); i++) list.push(ratings.get(i));
      let firstWrong = null;
      for (let i = 1; i <= steps.length; i++) {
        if (ratings.get(i) === -1) { firstWrong = i; break; }
      }
      return { step_ratings: list, first_wrong_step: firstWrong };
    }

    async function decide(decision, text) {
      if (busy) return;
      busy = true;
      const body = Object.assign({ decision: decision, note: document.getElementById("note").value,
        seconds: Math.round((performance.now() - opened) / 100) / 10 }, collected());
      if (text !== undefined) body.text = text;
      const saved = document.getElementById("saved");
      saved.textContent = decision === "edit" ? "re-verifying the edit…" : "saving…";
      try {
        const result = await api("POST", "/api/items/" + encodeURIComponent(itemId) + "/decision", body);
        saved.textContent = "Saved: " + decision + ". Press n for the next item" +
          " (deciding again adds a new record; the latest counts).";
        root.dataset.decided = decision;
        if (result.verdict) showVerdict(result.verdict);
      } catch (err) {
        saved.textContent = "";
        toast(err.message, true);
      } finally {
        busy = false;
      }
    }

    function showVerdict(verdict) {
      const box = document.getElementById("verdict");
      box.replaceChildren();
      const head = document.createElement("p");
      const badge = document.createElement("span");
      badge.className = "status s-" + verdict.status;
      badge.textContent = reveal(verdict.status);
      head.append("The edited text was re-verified: ", badge);
      box.append(head);
      if (verdict.evidence) {
        const ev = document.createElement("p");
        ev.className = "evidence";
        ev.textContent = reveal(verdict.evidence);
        box.append(ev);
      }
      (verdict.steps || []).forEach(function (s) {
        const line = document.createElement("p");
        line.className = "evidence";
        line.textContent = "step " + s.index + ": " + reveal(s.status) + (s.evidence ? " — " + reveal(s.evidence) : "");
        box.append(line);
      });
      box.hidden = false;
    }

    function openEditor() {
      const editor = document.getElementById("editor");
      editor.hidden = false;
      const area = document.getElementById("edit-text");
      area.focus();
    }

    function saveEdit() {
      const text = document.getElementById("edit-text").value;
      if (!text.trim()) { toast("the edited text is empty", true); return; }
      decide("edit", text);
    }

    function next() {
      // the lease stays with this reviewer until they decide: "next" before that would show the same item
      if (!root.dataset.decided) { toast("Decide this item first: a, r or e", true); return; }
      takeNext(queueId);
    }

    document.getElementById("accept").addEventListener("click", function () { decide("accept"); });
    document.getElementById("reject").addEventListener("click", function () { decide("reject"); });
    document.getElementById("edit").addEventListener("click", openEditor);
    document.getElementById("save-edit").addEventListener("click", saveEdit);
    document.getElementById("next").addEventListener("click", next);
    steps.forEach(function (li) {
      const index = Number(li.dataset.index);
      li.addEventListener("click", function () { select(index); });
      li.querySelectorAll("button[data-rate]").forEach(function (b) {
        b.addEventListener("click", function (event) {
          event.stopPropagation();
          select(index);
          rate(index, Number(b.dataset.rate));
        });
      });
    });
    document.getElementById("edit-text").addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); saveEdit(); }
    });

    document.addEventListener("keydown", function (event) {
      const target = event.target;
      const typing = target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement ||
        target instanceof HTMLSelectElement;
      if (event.key === "Escape") { if (typing) target.blur(); return; }
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key;
      let handled = true;
      if (key === "a") decide("accept");
      else if (key === "r") decide("reject");
      else if (key === "e") openEditor();
      else if (key === "n") next();
      else if (key === "t") document.body.classList.toggle("tex-source");
      else if (/^[1-9]$/.test(key)) select(Number(key));
      else if (key === "j") select(selected + 1);
      else if (key === "k") select(selected - 1);
      else if ((key === "+" || key === "=") && selected) rate(selected, 1);
      else if (key === "0" && selected) rate(selected, 0);
      else if ((key === "-" || key === "_") && selected) rate(selected, -1);
      else handled = false;
      if (handled) event.preventDefault(); // `e` must not type into the editor it opens
    });
    if (selected) select(1);
  }

  // --- adjudication ---------------------------------------------------------------------------------
  function adjudicationPage() {
    document.querySelectorAll("article.dispute").forEach(function (card) {
      card.querySelectorAll("button[data-decision]").forEach(function (button) {
        button.addEventListener("click", async function () {
          const saved = card.querySelector(".saved");
          try {
            await api("POST", "/api/adjudication/" + encodeURIComponent(card.dataset.item),
              { decision: button.dataset.decision, note: card.querySelector(".adj-note").value });
            saved.textContent = "Settled: " + button.dataset.decision;
            card.classList.add("settled");
            card.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
          } catch (err) {
            toast(err.message, true);
          }
        });
      });
    });
  }

  // taking an item changes state (a lease), so it is a POST with the CSRF token, never a GET; the
  // server answers with a redirect to the item's page
  function takeNext(queueId) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/review/" + encodeURIComponent(queueId) + "/next";
    const token = document.createElement("input");
    token.type = "hidden";
    token.name = "csrf";
    token.value = csrf;
    form.appendChild(token);
    document.body.appendChild(form);
    form.submit();
  }

  // --- admin: forms become API calls, then the page reloads with the new numbers ----------------------
  function adminForm(id, url, shape) {
    const form = document.getElementById(id);
    if (!form) return;
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const saved = form.querySelector(".saved");
      try {
        const result = await api("POST", url, shape(new FormData(form)));
        saved.textContent = "done: " + JSON.stringify(result);
        setTimeout(function () { window.location.reload(); }, 600);
      } catch (err) {
        toast(err.message, true);
      }
    });
  }

  function adminPage() {
    adminForm("add-user", "/api/users", function (f) {
      return { name: f.get("name"), role: f.get("role"), password: f.get("password") };
    });
    adminForm("build-queue", "/api/queues", function (f) {
      const body = { name: f.get("name"), scorer: f.get("scorer"), top: Number(f.get("top")),
        overlap: Number(f.get("overlap")), gold_share: Number(f.get("gold_share")) };
      if (f.get("domain")) body.domain = f.get("domain");
      return body;
    });
  }

  // the queue's page between items: n takes the next one (the page's form: a POST)
  function queuePage() {
    const form = document.getElementById("take-next");
    if (!form) return;
    document.addEventListener("keydown", function (event) {
      if (event.key === "n" && !event.ctrlKey && !event.metaKey && !event.altKey) form.submit();
    });
  }

  function start() {
    renderMath(document);
    queuePage();
    reviewPage();
    adjudicationPage();
    adminPage();
    document.body.dataset.ready = "1"; // the browser tests wait for this
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
