// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // After an intake step, put the keyboard on the first new question the rulebook asks for (or on the first
  // question of an act just added).
  var upcoming = document.querySelector(".question[data-focus] select, .question[data-focus] input, " +
    ".question[data-focus] textarea");
  if (upcoming) { upcoming.focus(); }
})();
