// Mounts Stripe's Payment Element on the card page and confirms the PaymentIntent. Card data
// goes from the buyer's browser to Stripe only; the return page waits for the webhook.
(function () {
  "use strict";
  var form = document.getElementById("stripe-payment");
  if (!form || typeof window.Stripe !== "function") { return; }
  var stripe = window.Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret, locale: "es-419" });
  elements.create("payment").mount("#stripe-payment-element");
  var error = document.getElementById("stripe-payment-error");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stripe.confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.returnUrl } })
      .then(function (result) {
        if (result.error) {
          error.textContent = result.error.message;
          error.hidden = false;
        }
      });
  });
})();
