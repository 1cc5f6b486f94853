// On a phone the results come first: the filter form starts folded into its disclosure.
// Without JavaScript it stays open, so the page works either way.
if (window.matchMedia("(max-width: 52rem)").matches) {
  for (const details of document.querySelectorAll("details[data-fold-on-phone]")) {
    details.open = false;
  }
}
