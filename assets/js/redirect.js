// Sends the browser to one of our own routes (ui/auth.py), named in the data-gs-redirect
// attribute of the element beside it.
(function () {
  var box = (document.currentScript && document.currentScript.parentNode) || document;
  var target = box.querySelector("[data-gs-redirect]");
  if (target) window.location.replace(target.dataset.gsRedirect);
})();
