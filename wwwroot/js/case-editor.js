// Case composer: live preview, and the privacy findings under the field they were found in, as the author types.
// Progressive enhancement only: without this file the "Preview" and "Replace with…" buttons do the same on the server.
(function () {
    "use strict";
    var panel = document.getElementById("case-preview");
    if (!panel || !window.fetch || !window.FormData || !window.DOMParser) return;
    var form = panel.closest("form");
    var url = panel.getAttribute("data-preview-url");
    var timer = null;
    var inFlight = null;

    function show(html) {
        var fragment = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html").body.firstChild;
        fragment.querySelectorAll("[data-findings-for]").forEach(function (block) {
            var slot = form.querySelector(".privacy-slot[data-findings-for='" + block.getAttribute("data-findings-for") + "']");
            if (slot) slot.replaceWith(document.importNode(block, true));
        });
        var preview = fragment.querySelector("[data-preview]");
        panel.replaceChildren();
        if (preview) panel.appendChild(document.importNode(preview, true));
    }

    function refresh() {
        if (inFlight) inFlight.abort();
        inFlight = new AbortController();
        fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin", signal: inFlight.signal })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) { if (html !== null) show(html); })
            .catch(function () { /* offline or aborted: the server-side preview button still works */ });
    }

    function schedule() {
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, 500);
    }

    form.querySelectorAll("#Input_Title, #Input_Summary, #Input_Region, textarea[data-composer-field]").forEach(function (field) {
        field.addEventListener("input", schedule);
    });
    var size = document.getElementById("Input_SizeBand");
    if (size) size.addEventListener("change", schedule);
    refresh();
})();

// The composer's button says what it does: when a case under a new pseudonym waits for a moderator and one under the
// member's name does not (or the reverse), the server gives both labels and the button follows the pseudonym field.
(function () {
    "use strict";
    var button = document.querySelector("button[data-pseudonymous-label]");
    var field = document.getElementById("Input_Pseudonym");
    if (!button || !field) return;
    function follow() {
        button.textContent = button.getAttribute(field.value.trim() ? "data-pseudonymous-label" : "data-named-label");
    }
    field.addEventListener("input", follow);
    follow();
})();
