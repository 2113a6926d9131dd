/* Keyboard shortcuts for the moderation queue and review pages. Optional: every action is a
   real link or button without this file. Keys act only when focus is not in a form field, so
   typing a rejection message never triggers one. */
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return (
      tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)
    );
  }

  var items = Array.prototype.slice.call(document.querySelectorAll("[data-mod-item]"));

  function moveInQueue(step) {
    if (!items.length) return false;
    var current = items.indexOf(document.activeElement);
    var next = current === -1 ? (step > 0 ? 0 : items.length - 1) : current + step;
    if (next < 0 || next >= items.length) return false;
    items[next].focus();
    items[next].scrollIntoView({ block: "nearest" });
    return true;
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (!link) return false;
    window.location.assign(link.href);
    return true;
  }

  var hint = document.querySelector("[data-mod-keys]");
  if (hint) hint.hidden = false;

  var selectAll = document.querySelector("[data-mod-select-all]");
  if (selectAll) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name="producto"]'));
    var master = selectAll.querySelector("input");
    selectAll.hidden = boxes.length < 2;
    master.addEventListener("change", function () {
      boxes.forEach(function (box) {
        box.checked = master.checked;
      });
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var ticked = boxes.filter(function (b) { return b.checked; }).length;
        master.checked = ticked === boxes.length;
        master.indeterminate = ticked > 0 && ticked < boxes.length;
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (typing(event.target)) return;
    var handled = false;
    switch (event.key) {
      case "j":
        handled = items.length ? moveInQueue(1) : follow("[data-mod-next]");
        break;
      case "k":
        handled = items.length ? moveInQueue(-1) : follow("[data-mod-prev]");
        break;
      case "a":
        var approve = document.querySelector("[data-mod-approve]");
        if (approve) {
          approve.click();
          handled = true;
        }
        break;
      case "r":
        var reason = document.querySelector(".mod-reject select");
        if (reason) {
          reason.focus();
          handled = true;
        }
        break;
    }
    if (handled) event.preventDefault();
  });
})();
