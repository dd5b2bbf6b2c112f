/**
 * playground/samples.js: sample drafts for the "Try a sample draft" button, each showing
 * a different kind of coaching. Data only.
 */

export const SAMPLES = Object.freeze([
  {
    subject: "Re: Refund request #4821",
    text: [
      "Hi Sam,",
      "",
      "We have received your email regarding the refund. Per our policy we are unable to refund opened items. " +
        "It's not our fault that the courier damaged the box, and you must read the instructions before using the product.",
      "",
      "We will utilize your feedback in order to improve our processes, and we will look into it soon.",
      "",
      "Sorry for any inconvenience.",
      "",
      "Regards,",
      "The Support Team",
    ].join("\n"),
  },
  {
    subject: "Happy birthday, Dana! Limited time offer inside",
    text: [
      "Happy birthday, Dana!",
      "",
      "To celebrate, upgrade today and get 20% off our Premium plan. This is a limited time offer, " +
        "so act now and don't miss out!!! Restrictions apply.",
      "",
      "Best,",
      "The Marketing Team",
    ].join("\n"),
  },
  {
    subject: "Your late order: refund on its way",
    text: [
      "Hi Alex,",
      "",
      "Thank you for telling us about the late delivery, and I'm sorry your order arrived two days after we promised. " +
        "That's on us: we shipped it from the wrong warehouse.",
      "",
      "I have refunded the shipping cost today, and you will see it on your card by Friday.",
      "",
      "Would it help if we sent your next order by express at no charge?",
      "",
      "Best,",
      "Priya",
    ].join("\n"),
  },
]);
