/* Suggestions for search boxes marked `data-autocomplete="<suggestions URL>"`, following the
   WAI-ARIA editable combobox with list autocomplete (manual selection): typing asks the server
   for suggestions (debounced), Down/Up move through them, Enter opens the highlighted one or,
   with none highlighted, submits the form as usual, Escape closes the list (and, closed, clears
   the box). Without this script the box is a plain search form, so nothing depends on it.
   Loaded with `defer` from a file: the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var MIN_CHARS = 2; // search.services.suggest answers nothing below this

  function setup(input) {
    var endpoint = input.getAttribute("data-autocomplete");
    var field = input.parentNode;
    var listId = input.id + "-sugerencias";
    var listbox = document.createElement("ul");
    var status = document.createElement("p");
    var options = []; // [{element, url}]
    var active = -1;
    var timer = null;
    var request = null;
    var shownFor = null; // the query the current options answer

    listbox.id = listId;
    listbox.className = "autocomplete__listbox";
    listbox.setAttribute("role", "listbox");
    if (input.labels && input.labels.length && input.labels[0].id) {
      listbox.setAttribute("aria-labelledby", input.labels[0].id);
    }
    listbox.hidden = true;
    field.appendChild(listbox);

    // Screen readers hear how many suggestions arrived without leaving the box.
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    field.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function isOpen() {
      return !listbox.hidden;
    }

    function setActive(index) {
      if (active >= 0 && options[active]) {
        options[active].element.setAttribute("aria-selected", "false");
      }
      active = index;
      if (active >= 0 && options[active]) {
        var element = options[active].element;
        element.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", element.id);
        element.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!options.length) {
        return;
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function go(index) {
      var option = options[index];
      if (option) {
        close();
        window.location.assign(option.url);
      }
    }

    function render(data, query) {
      close();
      listbox.textContent = "";
      options = [];
      (data.suggestions || []).forEach(function (item, index) {
        var element = document.createElement("li");
        var label = document.createElement("span");
        var kind = document.createElement("span");
        element.id = listId + "-" + index;
        element.className = "autocomplete__option";
        element.setAttribute("role", "option");
        element.setAttribute("aria-selected", "false");
        label.className = "autocomplete__label";
        label.textContent = item.label;
        kind.className = "autocomplete__kind";
        kind.textContent = item.kind_label;
        element.appendChild(label);
        element.appendChild(kind);
        // Keep the focus in the box while the pointer picks an option.
        element.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        element.addEventListener("click", function () {
          go(index);
        });
        listbox.appendChild(element);
        options.push({ element: element, url: item.url });
      });
      shownFor = query;
      status.textContent = data.status || "";
      if (document.activeElement === input) {
        open();
      }
    }

    function clear() {
      close();
      listbox.textContent = "";
      options = [];
      shownFor = null;
      status.textContent = "";
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_CHARS) {
        clear();
        return;
      }
      if (query === shownFor) {
        open();
        return;
      }
      if (request) {
        request.abort();
      }
      request = typeof AbortController === "function" ? new AbortController() : null;
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: request ? request.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          // An answer for what the box held a moment ago is not worth showing.
          if (data && input.value.trim() === query) {
            render(data, query);
          }
        })
        .catch(function () {
          // Aborted or offline: the form still works without suggestions.
        });
    }

    input.addEventListener("input", function () {
      setActive(-1);
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = options.length;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!isOpen()) {
            if (count) {
              open();
              if (!event.altKey) {
                setActive(0);
              }
            } else {
              fetchSuggestions();
            }
          } else if (count) {
            setActive(active < count - 1 ? active + 1 : 0);
          }
          break;
        case "ArrowUp":
          if (count) {
            event.preventDefault();
            open();
            setActive(active > 0 ? active - 1 : count - 1);
          }
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            go(active);
          } else {
            close(); // the form submits the typed words
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            clear();
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);
    input.addEventListener("focus", function () {
      if (input.value.trim() === shownFor) {
        open();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), setup);
})();
