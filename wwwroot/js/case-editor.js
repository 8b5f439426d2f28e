// Case editor: live preview and privacy findings under the body, as the author types.
// Progressive enhancement only: without this file the "Preview" button does the same on the server.
(function () {
    "use strict";
    var body = document.querySelector("textarea[data-preview-url]");
    var panel = document.getElementById("case-preview");
    if (!body || !panel || !window.fetch || !window.FormData) return;
    var form = body.form;
    var url = body.getAttribute("data-preview-url");
    var timer = null;
    var inFlight = null;

    function refresh() {
        if (inFlight) inFlight.abort();
        inFlight = new AbortController();
        fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin", signal: inFlight.signal })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) { if (html !== null) panel.innerHTML = html; })
            .catch(function () { /* offline or aborted: the server-side preview button still works */ });
    }

    function schedule() {
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, 500);
    }

    ["Input_Title", "Input_Summary", "Input_Body", "Input_Outcome", "Input_OpenQuestion", "Input_Region"].forEach(function (id) {
        var field = document.getElementById(id);
        if (field) field.addEventListener("input", schedule);
    });
    ["Input_SizeBand"].forEach(function (id) {
        var field = document.getElementById(id);
        if (field) field.addEventListener("change", schedule);
    });
    refresh();
})();
