// Select text in a reply or in the case body, press "Quote": the reply box gets a Markdown quotation of it with a link
// to the quoted post, in the format of the no-JS "Quote" link (ReadModel.QuotationAsync). Without JavaScript that link
// still quotes a whole reply. The labels and URLs come from the reply form's data attributes (no inline script).
(() => {
    'use strict';
    const form = document.getElementById('reply-form');
    const box = form && form.querySelector('textarea');
    if (!box || !form.dataset.quoteLabel) return;

    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary button-small quote-selection';
    button.textContent = form.dataset.quoteLabel;
    button.hidden = true;
    let pending = null;

    // Only the body of a reply or of the case can be quoted (not bylines, forms or follow-ups).
    const proseOf = (node) => {
        const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
        const prose = element && element.closest('article.reply > .prose, article.case .two-col > .prose');
        return prose || null;
    };

    const hide = () => { button.hidden = true; pending = null; };

    document.addEventListener('selectionchange', () => {
        const selection = document.getSelection();
        const text = selection && !selection.isCollapsed ? selection.toString().trim() : '';
        const prose = text ? proseOf(selection.anchorNode) : null;
        if (!prose || proseOf(selection.focusNode) !== prose) {
            if (document.activeElement !== button) hide();
            return;
        }
        pending = { text, article: prose.closest('article') };
        if (button.previousElementSibling !== prose) prose.after(button);
        button.hidden = false;
    });

    // Keep the selection when the button is pressed with the mouse.
    button.addEventListener('mousedown', (event) => event.preventDefault());

    button.addEventListener('click', () => {
        if (!pending) return;
        const { text, article } = pending;
        const url = article.matches('article.reply')
            ? form.dataset.replyUrlPrefix + article.id.slice('reply-'.length)
            : form.dataset.caseUrl;
        const byline = article.querySelector('.meta .byline');
        const name = ((byline && byline.textContent.trim()) || form.dataset.formerMember).replace(/[[\]\\]/g, '\\$&');
        const quoted = text.split('\n').slice(0, 20).map((line) => ('> ' + line).trimEnd()).join('\n');
        const quotation = `${quoted}\n>\n> — [${name}](${url})\n\n`;

        const at = box.selectionStart ?? box.value.length;
        const before = box.value.slice(0, at);
        const separator = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
        box.value = before + separator + quotation + box.value.slice(box.selectionEnd ?? at);
        const caret = before.length + separator.length + quotation.length;
        box.focus();
        box.setSelectionRange(caret, caret);
        box.dispatchEvent(new Event('input', { bubbles: true }));   // drafts and counters see the change
        hide();
    });
})();
