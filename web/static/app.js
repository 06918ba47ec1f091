// Ritme's only script besides htmx: the diary's 15-minute timer, and below it the button
// that takes a written draft into a field. The timer never blocks saving:
// the form posts whether the timer runs or not; it only fills in the minutes spent.
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

// "Take the draft into my answer": only when the person presses it, the draft beside a
// field goes into that field, after what is already there (nothing typed is lost).
(function () {
  "use strict";
  function setUp(button) {
    var draft = document.getElementById(button.getAttribute("data-draft"));
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
    var buttons = document.querySelectorAll("button[data-draft]");
    for (var i = 0; i < buttons.length; i++) setUp(buttons[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
