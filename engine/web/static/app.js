// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // After an intake step, put the keyboard on the first new question the rulebook asks for.
  var upcoming = document.querySelector("#next-questions[data-focus] .question select, " +
    "#next-questions[data-focus] .question input");
  if (upcoming) { upcoming.focus(); }
})();
