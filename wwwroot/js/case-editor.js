// Case composer: live preview, and the privacy findings under the field they were found in, as the author types.
// Progressive enhancement only: without this file the "Preview" and "Replace with…" buttons do the same on the server.
(function () {
    "use strict";
    // The error summary takes the focus after a failed submit (autofocus does it too; this covers browsers that ignore
    // autofocus on a non-form element).
    var summary = document.getElementById("error-summary");
    if (summary) {
        summary.focus();
        // GOV.UK: a link of the summary puts the cursor in its field (a fragment alone only scrolls to it).
        summary.addEventListener("click", function (event) {
            var link = event.target.closest("a[href^='#']");
            var target = link && document.getElementById(link.getAttribute("href").slice(1));
            if (!target) return;
            var field = target.matches("input, textarea, select") ? target : target.querySelector("input, textarea, select, button");
            if (!field) return;
            event.preventDefault();
            target.scrollIntoView();
            field.focus();
        });
    }

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
