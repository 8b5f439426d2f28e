// Composer autosave: while the author types, the form is saved into its server-side draft every few seconds
// (the same POST as the "Save draft" button, with the form's antiforgery token). Progressive enhancement only:
// without this file the button saves the draft. The draft id is in the form, so every save updates one draft.
(function () {
    "use strict";
    var form = document.querySelector("form[data-autosave-url]");
    if (!form || !window.fetch || !window.FormData) return;
    var url = form.getAttribute("data-autosave-url");
    var status = form.querySelector("[data-draft-status]");
    var interval = 5000;
    var dirty = false;
    var saving = false;
    var stopped = false;

    function tell(text) {
        if (status && text) status.textContent = text;
    }

    // The time as the site writes it: "16 h 05" in French (non-breaking spaces), the browser's own format otherwise.
    function clock(date) {
        var lang = document.documentElement.lang || "";
        if (/^fr/.test(lang)) return date.getHours() + "\u00a0h\u00a0" + String(date.getMinutes()).padStart(2, "0");
        return date.toLocaleTimeString(lang || undefined, { hour: "2-digit", minute: "2-digit" });
    }

    function save(keepalive) {
        if (!dirty || saving || stopped) return;
        dirty = false;
        saving = true;
        fetch(url, {
            method: "POST", body: new FormData(form), credentials: "same-origin", keepalive: !!keepalive,
            headers: { "X-Autosave": "1" }
        }).then(function (response) {
            if (response.status === 204) {
                tell((status && status.getAttribute("data-saved")) + " " + clock(new Date()));
            } else if (response.status === 404 || response.status === 409 || response.status === 401 || response.status === 403) {
                stopped = true;   // not this member's draft, too many drafts, or signed out: the button still explains
                tell(status && status.getAttribute("data-failed"));
            } else {
                dirty = true;     // busy or rate limited: try again at the next tick
            }
        }).catch(function () {
            dirty = true;         // offline: try again at the next tick
        }).then(function () {
            saving = false;
        });
    }

    form.addEventListener("submit", function () { stopped = true; });   // publishing deletes the draft: never recreate it
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    window.setInterval(save, interval);
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") save(true);
    });
})();
