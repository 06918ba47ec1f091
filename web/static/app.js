// Ritme's only script besides htmx: the diary's 15-minute timer, the drafts, and the button
// that takes a written draft into a field. The timer never blocks saving: the form posts
// whether the timer runs or not; it only fills in the minutes spent.
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function setUp(box) {
    var total = parseInt(box.getAttribute("data-timer"), 10) || 900;
    var display = box.querySelector(".timer-display");
    var toggle = box.querySelector(".timer-toggle");
    var minutes = document.getElementById("minutes");
    var elapsed = 0;
    var ticking = null;
    function show() {
      var left = Math.max(total - elapsed, 0);
      display.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
      if (left === 0) box.classList.add("is-over");
    }
    function tick() {
      elapsed += 1;
      show();
      if (minutes && elapsed % 60 === 0) {
        var spent = Math.round(elapsed / 60);
        var typed = parseInt(minutes.value, 10) || 0;
        if (spent > typed) minutes.value = String(spent);
      }
    }
    toggle.addEventListener("click", function () {
      if (ticking) {
        clearInterval(ticking);
        ticking = null;
        toggle.textContent = toggle.getAttribute("data-start");
      } else {
        ticking = setInterval(tick, 1000);
        toggle.textContent = toggle.getAttribute("data-pause");
      }
    });
    box.hidden = false;
    show();
  }
  function start() {
    var boxes = document.querySelectorAll("[data-timer]");
    for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// Drafts: what a person writes on a level's form is kept as they type, so that a dropped
// connection, a closed tab or an ended session loses nothing. A form with
// data-draft="kind/period" keeps its draft in this browser (localStorage, at once) and on
// the server (PUT /api/v1/drafts/kind/period, a moment after typing stops); a form with
// data-draft-local="name" only in this browser. Coming back offers the newest draft in the
// form, with a button to throw it away; the page a save lands on (?saved=1, or what
// data-draft-saved names) clears it. The texts come from <main data-draft-...>. Without
// this script the forms post as they always do.
(function () {
  "use strict";
  var pause = 1500;  // ms after the last keystroke before the server gets the draft
  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem("ritme");
  } catch (unavailable) {
    storage = null;
  }
  var skipped = { hidden: 1, submit: 1, button: 1, reset: 1, file: 1, password: 1, image: 1 };

  // The form's fields as {name: [values]}; a checkbox group with nothing checked is [].
  function fieldsOf(form) {
    var fields = {};
    for (var i = 0; i < form.elements.length; i++) {
      var field = form.elements[i];
      var type = (field.type || "").toLowerCase();
      if (!field.name || field.disabled || skipped[type] || field.tagName === "FIELDSET") continue;
      var values = fields[field.name] || (fields[field.name] = []);
      if (type === "checkbox" || type === "radio") {
        if (field.checked) values.push(field.value);
      } else if (field.tagName === "SELECT") {
        for (var j = 0; j < field.options.length; j++) {
          if (field.options[j].selected) values.push(field.options[j].value);
        }
      } else {
        values.push(field.value);
      }
    }
    return fields;
  }

  function fill(form, fields) {
    var taken = {};
    for (var i = 0; i < form.elements.length; i++) {
      var field = form.elements[i];
      var type = (field.type || "").toLowerCase();
      if (!field.name || field.disabled || skipped[type] || !Object.prototype.hasOwnProperty.call(fields, field.name)) continue;
      var values = fields[field.name];
      if (type === "checkbox" || type === "radio") {
        field.checked = values.indexOf(field.value) >= 0;
      } else if (field.tagName === "SELECT") {
        for (var j = 0; j < field.options.length; j++) field.options[j].selected = values.indexOf(field.options[j].value) >= 0;
      } else {
        var at = taken[field.name] || 0;
        taken[field.name] = at + 1;
        field.value = at < values.length ? values[at] : "";
      }
    }
  }

  // Whether the draft holds nothing the form does not show already.
  function shown(fields, form) {
    var now = fieldsOf(form);
    for (var name in fields) {
      if (!Object.prototype.hasOwnProperty.call(fields, name)) continue;
      if (JSON.stringify(fields[name]) !== JSON.stringify(now[name] || [])) return false;
    }
    return true;
  }

  // A time as the person's language writes it; with the day when it is not today.
  function when(iso) {
    var moment = new Date(iso);
    if (isNaN(moment.getTime())) return "";
    var lang = document.documentElement.lang || "nl";
    var browser = navigator.language || "";
    var locale = browser.toLowerCase().indexOf(lang.toLowerCase()) === 0 ? browser : lang;
    var time = moment.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
    if (moment.toDateString() === new Date().toDateString()) return time;
    return moment.toLocaleDateString(locale, { day: "numeric", month: "long" }) + " " + time;
  }

  function say(text, time) {
    return (text || "").replace("%s", when(time));
  }

  function setUp(form, texts) {
    var serverKey = form.getAttribute("data-draft");
    var key = serverKey || form.getAttribute("data-draft-local");
    var storeKey = "ritme.draft." + texts.draftOwner + "." + key;
    var address = "/api/v1/drafts/" + serverKey;
    var csrfField = form.querySelector('input[name="_csrf"]');
    var loaded = fieldsOf(form);  // the form as the server gave it
    var timer = null;
    var filling = false;
    var status = document.createElement("p");
    status.className = "draft-status muted";
    status.hidden = true;
    form.appendChild(status);

    function readLocal() {
      if (!storage) return null;
      try {
        var draft = JSON.parse(storage.getItem(storeKey));
        return draft && typeof draft.fields === "object" && draft.fields ? draft : null;
      } catch (unreadable) {
        return null;
      }
    }
    function writeLocal(draft) {
      if (!storage) return;
      try {
        storage.setItem(storeKey, JSON.stringify(draft));
      } catch (full) { /* the server still gets it */ }
    }
    function dropLocal() {
      if (storage) storage.removeItem(storeKey);
    }
    function send(method, body, keepalive) {
      var headers = { "X-CSRF-Token": csrfField ? csrfField.value : "" };
      if (body) headers["Content-Type"] = "application/json";
      return fetch(address, { method: method, headers: headers, body: body, credentials: "same-origin", keepalive: !!keepalive });
    }
    function dropServer() {
      return serverKey ? send("DELETE").catch(function () {}) : Promise.resolve();
    }
    // The draft is offered or cleared: what the browser tests wait for.
    function ready() {
      form.setAttribute("data-draft-ready", "");
    }
    function showStatus(text, time) {
      status.textContent = say(text, time);
      status.hidden = false;
    }

    function push(keepalive) {
      timer = null;
      var draft = readLocal();
      if (!draft) return;
      if (!serverKey) {
        showStatus(texts.draftKeptHere, draft.at);
        return;
      }
      var body = JSON.stringify({ fields: draft.fields, at: draft.at });
      send("PUT", body, keepalive && body.length < 60000).then(function (answer) {
        if (!answer.ok) throw new Error(String(answer.status));
        var now = readLocal();
        if (now && now.at === draft.at) {
          now.synced = true;
          writeLocal(now);
        }
        showStatus(texts.draftKept, draft.at);
      }).catch(function () {
        showStatus(texts.draftKeptHere, draft.at);
      });
    }

    function typed() {
      if (filling) return;
      writeLocal({ fields: fieldsOf(form), at: new Date().toISOString(), synced: false });
      clearTimeout(timer);
      timer = setTimeout(push, pause);
    }
    form.addEventListener("input", typed);
    form.addEventListener("change", typed);
    window.addEventListener("online", function () {
      var draft = readLocal();
      if (draft && !draft.synced) push();
    });
    // A tab closed within the pause still sends what it has.
    window.addEventListener("pagehide", function () {
      if (timer) {
        clearTimeout(timer);
        push(true);
      }
    });
    // What is sent stays kept until the page says it was saved.
    form.addEventListener("submit", function () {
      clearTimeout(timer);
      timer = null;
      var before = readLocal();
      var fields = fieldsOf(form);
      var synced = !!(before && before.synced && JSON.stringify(before.fields) === JSON.stringify(fields));
      writeLocal({ fields: fields, at: new Date().toISOString(), synced: synced, submitted: true });
    });

    function discard(notice) {
      filling = true;  // the hints' change events are no typing
      fill(form, loaded);
      refreshHints();
      filling = false;
      dropLocal();
      form.removeAttribute("data-draft-ready");
      dropServer().then(ready);
      status.hidden = true;
      notice.parentNode.removeChild(notice);
    }
    function refreshHints() {
      var live = form.querySelectorAll("[hx-post]");
      for (var i = 0; i < live.length; i++) live[i].dispatchEvent(new Event("change", { bubbles: true }));
    }
    function offer(draft) {
      filling = true;
      fill(form, draft.fields);
      refreshHints();
      filling = false;
      var notice = document.createElement("p");
      notice.className = "notice draft-notice";
      notice.setAttribute("role", "status");
      notice.setAttribute("data-testid", "draft-restored");
      notice.appendChild(document.createTextNode(say(texts.draftRestored, draft.at) + " "));
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary outline small-button";
      button.textContent = texts.draftDiscard;
      button.addEventListener("click", function () { discard(notice); });
      notice.appendChild(button);
      form.parentNode.insertBefore(notice, form);
    }

    // The newest of this browser's draft and the server's.
    function decide(local, remote) {
      var chosen = local;
      if (remote && (!local || Date.parse(remote.at) > Date.parse(local.at))) chosen = remote;
      if (!chosen) return ready();
      if (shown(chosen.fields, form)) {  // nothing the page does not show already
        dropLocal();
        return (remote ? dropServer() : Promise.resolve()).then(ready);
      }
      if (!shown(loaded, form)) return ready();  // typing began meanwhile: leave the form alone
      offer(chosen);
      if (chosen === remote) {
        writeLocal({ fields: remote.fields, at: remote.at, synced: true });
      } else if (serverKey && !local.synced) {
        push();
      }
      ready();
    }

    var local = readLocal();
    // The page a successful save lands on says so in its address (?saved=1).
    var marks = (form.getAttribute("data-draft-saved") || "saved").split(" ");
    var saved = marks.some(function (mark) { return new RegExp("[?&]" + mark + "=").test(window.location.search); });
    if (local && local.submitted && saved) {  // the save went through
      dropLocal();
      dropServer().then(ready);
      return;
    }
    if (!serverKey) {
      decide(local, null);
      return;
    }
    fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (answer) {
      return answer.ok ? answer.json() : null;
    }).then(function (found) {
      var body = found && found.body;
      var remote = body && typeof body.fields === "object" && body.fields
        ? { fields: body.fields, at: body.at || found.updated_at } : null;
      decide(local, remote);
    }).catch(function () {
      decide(local, null);
    });
  }

  // Signing out keeps in this browser only what the server does not have yet.
  function forgetSynced(owner) {
    if (!storage) return;
    var prefix = "ritme.draft." + owner + ".";
    for (var i = storage.length - 1; i >= 0; i--) {
      var name = storage.key(i);
      if (!name || name.indexOf(prefix) !== 0) continue;
      try {
        var draft = JSON.parse(storage.getItem(name));
        if (!draft || draft.synced) storage.removeItem(name);
      } catch (unreadable) {
        storage.removeItem(name);
      }
    }
  }

  function start() {
    var main = document.getElementById("main");
    if (!main || !main.getAttribute("data-draft-owner") || !window.fetch) return;
    var texts = main.dataset;
    var forms = document.querySelectorAll("form[data-draft], form[data-draft-local]");
    for (var i = 0; i < forms.length; i++) setUp(forms[i], texts);
    var signOut = document.querySelectorAll('form[action="/logout"]');
    for (var j = 0; j < signOut.length; j++) {
      signOut[j].addEventListener("submit", function () { forgetSynced(texts.draftOwner); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// "Take the draft into my answer": only when the person presses it, the draft beside a
// field goes into that field, after what is already there (nothing typed is lost).
(function () {
  "use strict";
  function setUp(button) {
    var draft = document.getElementById(button.getAttribute("data-take-from"));
    var field = document.getElementById(button.getAttribute("data-into"));
    if (!draft || !field) return;
    button.addEventListener("click", function () {
      var typed = field.value.replace(/\s+$/, "");
      field.value = typed ? typed + "\n\n" + draft.value : draft.value;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.focus();
    });
    button.hidden = false;
  }
  function start() {
    var buttons = document.querySelectorAll("button[data-take-from]");
    for (var i = 0; i < buttons.length; i++) setUp(buttons[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
