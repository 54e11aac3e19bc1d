package dev.tracemill.bench;

import static dev.tracemill.bench.ToolSpec.opt;
import static dev.tracemill.bench.ToolSpec.req;

import java.util.List;

/**
 * The topic families the generator writes about. Each holds word lists and sentence templates; slots in
 * braces ({n} noun, {n2} another noun, {a} adjective, {v} verb, {name}, {city}, {num}, {amt}, {date},
 * {email}, {phone}, {order}, {cur}, {lang}, {file}) are filled by {@link Corpus}.
 */
enum Domain {
  SUPPORT("support", "helpdesk-assistant",
      List.of(
          "You are a friendly customer support assistant for Northwind Home, an online store for furniture"
              + " and kitchenware. Answer politely and concisely. Never promise refunds above the policy limit.",
          "You are Ava, the support agent of Lumen Mobile. Be empathetic, confirm the customer's issue, and"
              + " give numbered steps when troubleshooting.",
          "You help customers of an e-commerce platform with orders, deliveries, returns and account issues."
              + " If you do not know the answer, say so and offer to open a ticket."),
      List.of(
          "My order {order} still hasn't arrived and the tracking page says {a} since {date}. What should I do?",
          "How do I return a {n} I bought last week? The box is already opened.",
          "I was charged twice for order {order}. Can you refund one of the payments?",
          "Why can't I log in to my account? I keep getting an error about my {n}.",
          "Can I change the delivery address for order {order} to {city}?",
          "The {n} I received is {a}. Is this covered by the warranty?",
          "Do you ship to {city}, and how long does it usually take?",
          "I want to cancel my subscription but the {n} page doesn't show a cancel button.",
          "Is it possible to combine two orders into one shipment to save on the {n} fee?",
          "How do I update the email on my account to {email}?"),
      List.of(
          "I'm sorry to hear about the trouble with your {n}.",
          "I understand how frustrating it is when a {n} is {a}.",
          "You can {v} the {n} from the Orders page in your account.",
          "Our policy allows returns within 30 days as long as the {n} is in {a} condition.",
          "Once the return is scanned by the carrier, the refund usually takes 5 to 7 business days.",
          "If the {n} was damaged in transit, please attach a photo so we can {v} a replacement.",
          "I have checked the {n2} and it shows the parcel left our warehouse on {date}.",
          "For security reasons I can't change the {n} directly, but you can {v} it under Settings.",
          "Please make sure the {n} matches the one on your invoice.",
          "If nothing changes by {date}, reply here and I will {v} the case to our logistics team.",
          "You can also reach us by phone at {phone} between 9:00 and 18:00.",
          "A confirmation will be sent to {email} once the change is done."),
      List.of(
          "Thanks. And how long will the refund take?",
          "OK, I did that but it still shows {a}.",
          "Can you send me the return label again?",
          "What if I'm not home when the courier comes?",
          "Great, thank you! One more thing: can I {v} the {n} as well?",
          "That didn't work. The page just says \"something went wrong\".",
          "Merci beaucoup ! Et pour la livraison à {city} ?"),
      List.of("order", "parcel", "refund", "invoice", "password", "delivery slot", "warranty", "coupon",
          "subscription", "tracking number", "return label", "payment method", "kettle", "sofa cover",
          "blender", "account", "shipping", "voucher", "address", "order history"),
      List.of("damaged", "delayed", "missing", "pending", "in transit", "unused", "original", "broken",
          "incorrect", "on hold"),
      List.of("cancel", "track", "update", "request", "escalate", "download", "verify", "reset", "review",
          "reorder"),
      List.of(
          "Customer {name} says order {order} arrived {a}; check the order and open a ticket if needed.",
          "Find out why the refund for order {order} has not been paid and tell the customer.",
          "The customer {email} wants to return two items from order {order}. Handle it."),
      List.of(
          new ToolSpec("lookup_order", "Look up an order by its id and return status, items and shipping.",
              List.of(req("order_id", "string", "order", "The order id, e.g. ORD-123456.")),
              List.of("order_id:order", "status:status", "items:int", "total:amount", "shipped_on:date",
                  "carrier:carrier")),
          new ToolSpec("get_customer", "Fetch the customer profile for an email address.",
              List.of(req("email", "string", "email", "Customer email address.")),
              List.of("customer_id:id", "name:name", "tier:tier", "orders:int", "since:date")),
          new ToolSpec("create_ticket", "Open a support ticket for the logistics or billing team.",
              List.of(req("subject", "string", "sentence", "One-line summary."),
                  req("priority", "string", "priority", "low, normal or urgent."),
                  opt("body", "string", "paragraph", "Details for the team.")),
              List.of("ticket_id:id", "queue:queue", "eta_hours:int")),
          new ToolSpec("issue_refund", "Refund part or all of an order. Amount in cents.",
              List.of(req("order_id", "string", "order", "The order id."),
                  req("amount_cents", "integer", "cents", "Amount to refund, in cents."),
                  req("reason", "string", "sentence", "Why the refund is issued.")),
              List.of("refund_id:id", "status:status", "amount_cents:cents")),
          new ToolSpec("search_kb", "Search the help-center articles.",
              List.of(req("query", "string", "query", "Search words."),
                  opt("limit", "integer", "int", "Maximum number of results.")),
              List.of("results:hits"))),
      "ticket"),

  CODING("coding", "code-assistant",
      List.of(
          "You are an expert software engineer. Give correct, minimal code. Explain trade-offs briefly."
              + " Use fenced code blocks with the language name.",
          "You are a senior reviewer helping a developer debug. Ask for the stack trace when it is missing.",
          "You are a coding agent working inside a repository. Use the tools to read files and run tests"
              + " before proposing a patch. Keep diffs small."),
      List.of(
          "How do I {v} a {n} in {lang} without blocking the main thread?",
          "Why does my {lang} {n} throw a NullPointerException when the {n2} is empty?",
          "What's the difference between a {n} and a {n2} in {lang}?",
          "Can you review this {n} and tell me why it is so {a}?",
          "My tests fail only on CI with a timeout in the {n}. Any idea?",
          "Write a function in {lang} that parses a {n} and returns the {n2}.",
          "Is it safe to {v} the {n} from several threads at once?",
          "How should I structure a {lang} project that has a {n}, a {n2} and a CLI?",
          "I get `ConcurrentModificationException` when I {v} the {n}. Why?",
          "What is the idiomatic way to {v} a {n} in {lang}?"),
      List.of(
          "The short answer is that the {n} is not thread-safe, so you need to {v} it explicitly.",
          "In {lang}, a {n} is usually backed by a {n2}, which explains the {a} behaviour.",
          "You can {v} the {n} lazily and keep a reference in the {n2}.",
          "A common mistake is to {v} the {n} inside the loop, which makes it {a}.",
          "The stack trace shows that the {n2} is closed before the {n} finishes.",
          "Prefer immutable values here; they make the {n} easier to test.",
          "If performance matters, measure first: a {a} {n} is rarely the bottleneck.",
          "This approach keeps the {n} {a} and avoids an extra allocation per call.",
          "Note that {file} is loaded before the {n2}, so the order of initialisation matters.",
          "Finally, add a test that fails when the {n} is {a}; it will catch regressions early."),
      List.of(
          "Thanks! Could you add error handling?",
          "That compiles, but the test still fails with the same {n} error.",
          "What about performance for a million rows?",
          "Can you show the same in {lang}?",
          "Why did you use a {n} instead of a {n2}?",
          "Perfect 👍 now how do I {v} it in CI?"),
      List.of("hash map", "thread pool", "iterator", "stream", "parser", "buffer", "connection pool",
          "future", "callback", "record", "interface", "cache", "queue", "regex", "JSON object", "lock",
          "unit test", "dependency", "build script", "logger", "class loader", "generic type"),
      List.of("slow", "flaky", "immutable", "thread-safe", "lazy", "blocking", "stale", "null", "empty",
          "deprecated", "non-deterministic"),
      List.of("initialise", "close", "iterate over", "serialise", "mock", "cache", "refactor", "parse",
          "validate", "synchronise", "inject", "stream"),
      List.of(
          "The test {file} fails after the last merge; find the cause and propose a fix.",
          "Add a unit test for the {n} in {file} and make sure the suite passes.",
          "Search the repository for uses of the deprecated {n} and list the files to change."),
      List.of(
          new ToolSpec("read_file", "Read a file from the repository.",
              List.of(req("path", "string", "file", "Path relative to the repository root."),
                  opt("start_line", "integer", "int", "First line to return."),
                  opt("end_line", "integer", "int", "Last line to return.")),
              List.of("path:file", "content:code")),
          new ToolSpec("run_tests", "Run the test suite or a subset of it.",
              List.of(req("path", "string", "file", "Test file or folder."),
                  opt("pattern", "string", "query", "Only tests whose name matches.")),
              List.of("passed:int", "failed:int", "duration_s:int", "output:log")),
          new ToolSpec("search_code", "Search the code base for a string or symbol.",
              List.of(req("query", "string", "query", "Text or symbol to find."),
                  opt("max_results", "integer", "int", "Maximum hits.")),
              List.of("results:hits")),
          new ToolSpec("apply_patch", "Apply a unified diff to the working tree.",
              List.of(req("diff", "string", "diff", "The unified diff.")),
              List.of("applied:bool", "files_changed:int"))),
      "code"),

  TRAVEL("travel", "trip-planner",
      List.of(
          "You are a travel assistant. Suggest itineraries with realistic travel times and mention visa or"
              + " weather considerations when relevant. Prices are estimates.",
          "You are Voyagr, a concise trip planner. Answer in the user's language. Use bullet points for"
              + " itineraries."),
      List.of(
          "I have {num} days in {city} in {date}. What should I not miss?",
          "What's the cheapest way to get from {city} to {city2}?",
          "Is {date} a good time to visit {city}, weather-wise?",
          "Can you plan a {a} weekend in {city} for two people with a budget of {amt} {cur}?",
          "Do I need a visa to visit {city} with a European passport?",
          "Which neighbourhood in {city} is best for a {a} stay near the {n}?",
          "We're travelling with kids to {city}. Any {a} {n} you'd recommend?",
          "東京で三日間、おすすめの観光ルートを教えてください。",
          "Quels sont les meilleurs {n}s à {city} pour un séjour {a} ?"),
      List.of(
          "{city} is at its best in spring, when the {n} is {a} and the crowds are smaller.",
          "The train from {city} to {city2} takes about {num} hours and is usually cheaper than flying.",
          "Book the {n} at least two weeks ahead; it is often {a} on weekends.",
          "A {a} option is to stay near the old town, close to the {n}.",
          "Expect to pay around {amt} {cur} per night for a {a} hotel.",
          "On day two, take the morning {n} and spend the afternoon in the {n2} district.",
          "Public transport cards work on buses, trams and the {n}.",
          "If you arrive on {date}, check whether the {n} is open; many close on public holidays.",
          "Zürich, Kraków and São Paulo all have {a} {n}s worth a detour.",
          "Remember travel insurance; it covers a {a} {n} or a missed connection."),
      List.of(
          "Sounds great! What about restaurants?",
          "Can you make it cheaper?",
          "What if it rains on day two? ☔",
          "Could you add a day trip to {city2}?",
          "And how do we get from the airport to the {n}?",
          "ありがとうございます！予算はどのくらい必要ですか？"),
      List.of("museum", "night market", "ferry", "old town", "cable car", "food tour", "beach", "hostel",
          "boutique hotel", "hiking trail", "rail pass", "airport shuttle", "viewpoint", "castle",
          "street food", "botanical garden"),
      List.of("relaxing", "budget", "romantic", "crowded", "family-friendly", "scenic", "quiet", "lively",
          "affordable", "luxurious"),
      List.of("book", "visit", "reserve", "explore", "skip", "combine", "rent", "walk to"),
      List.of(
          "Plan a {num}-day trip from {city} to {city2} for {name} around {date}; check flights and weather.",
          "Find a hotel in {city} for {num} nights from {date} under {amt} {cur} per night.",
          "Compare flying and the train from {city} to {city2} on {date}."),
      List.of(
          new ToolSpec("search_flights", "Search flights between two cities on a date.",
              List.of(req("origin", "string", "city", "Departure city or IATA code."),
                  req("destination", "string", "city", "Arrival city or IATA code."),
                  req("date", "string", "date", "Departure date, YYYY-MM-DD."),
                  opt("passengers", "integer", "int", "Number of passengers.")),
              List.of("offers:flights")),
          new ToolSpec("get_weather", "Weather forecast for a city and date.",
              List.of(req("city", "string", "city", "City name."),
                  req("date", "string", "date", "Date, YYYY-MM-DD.")),
              List.of("city:city", "summary:weather", "high_c:int", "low_c:int", "rain_mm:int")),
          new ToolSpec("book_hotel", "Reserve a hotel room.",
              List.of(req("city", "string", "city", "City."),
                  req("check_in", "string", "date", "Check-in date."),
                  req("nights", "integer", "int", "Number of nights."),
                  opt("guests", "integer", "int", "Number of guests.")),
              List.of("booking_id:id", "hotel:hotel", "price:amount", "currency:cur")),
          new ToolSpec("convert_currency", "Convert an amount between currencies.",
              List.of(req("amount", "number", "amount", "Amount to convert."),
                  req("from", "string", "cur", "ISO code."),
                  req("to", "string", "cur", "ISO code.")),
              List.of("amount:amount", "rate:rate"))),
      "itinerary"),

  FINANCE("finance", "money-copilot",
      List.of(
          "You are a personal finance assistant. You are not a licensed advisor; give general information"
              + " only and suggest speaking to a professional for tax or investment decisions.",
          "You help small-business owners with bookkeeping, invoices and cash flow. Be precise with numbers"
              + " and show the calculation.",
          "You are the banking assistant of Helvetia Digital Bank. Verify the account before sharing any"
              + " transaction detail. Amounts are in the account currency."),
      List.of(
          "How much should I keep in an emergency fund if my monthly expenses are {amt} {cur}?",
          "What's the difference between a {n} and a {n2}?",
          "Why is there a {a} charge of {amt} {cur} on my account from {date}?",
          "Can you explain how {n} is taxed when I sell after {num} months?",
          "Is it better to pay off my {n} or invest in a {n2}?",
          "How do I categorise a {n} in my bookkeeping?",
          "My invoice to {name} is {num} days overdue. How should I follow up?",
          "What does a {a} {n} mean for my savings?",
          "¿Cuánto interés pagaría por un {n} de {amt} {cur} a {num} años?"),
      List.of(
          "A common rule of thumb is to keep three to six months of expenses in a {a} {n}.",
          "With {amt} {cur} per month, that means roughly {num} times that amount.",
          "The {n} is usually taxed differently from the {n2}, depending on how long you held it.",
          "Paying down a {a} {n} first often gives a guaranteed return equal to its interest rate.",
          "The charge on {date} looks like a {a} {n}; you can dispute it within 60 days.",
          "In double-entry bookkeeping, record the {n} as an expense and the {n2} as a liability.",
          "Keep receipts for every {n}; auditors may ask for them.",
          "Interest compounds monthly, so the effective annual rate is slightly higher than the {a} rate.",
          "This is general information, not financial advice; consider speaking to an advisor.",
          "Send a polite reminder to {email} with the invoice attached and a clear due date."),
      List.of(
          "What if the interest rate goes up?",
          "Can you show the calculation step by step?",
          "OK. And for a joint account?",
          "Thanks 🙏 how would that look over {num} years?",
          "Which category should the {n} go in?"),
      List.of("index fund", "credit card", "mortgage", "savings account", "dividend", "capital gain",
          "invoice", "VAT return", "overdraft", "direct debit", "bond", "pension plan", "loan",
          "standing order", "expense report", "cash flow"),
      List.of("variable", "fixed", "recurring", "unexpected", "high-interest", "tax-free", "pending",
          "duplicate", "low-risk", "inflation-linked"),
      List.of("invest", "transfer", "dispute", "categorise", "refinance", "budget", "report", "reconcile"),
      List.of(
          "Explain the {a} charge of {amt} {cur} on account {acct} and categorise it.",
          "Summarise spending on account {acct} since {date} by category.",
          "Convert the balance of account {acct} to {cur} and say whether it covers the invoice to {name}."),
      List.of(
          new ToolSpec("get_balance", "Current balance of an account.",
              List.of(req("account_id", "string", "acct", "Account id.")),
              List.of("account_id:acct", "balance:amount", "currency:cur", "as_of:date")),
          new ToolSpec("list_transactions", "Transactions of an account between two dates.",
              List.of(req("account_id", "string", "acct", "Account id."),
                  req("from_date", "string", "date", "Start date."),
                  opt("to_date", "string", "date", "End date."),
                  opt("limit", "integer", "int", "Maximum rows.")),
              List.of("transactions:txns")),
          new ToolSpec("get_fx_rate", "Exchange rate between two currencies.",
              List.of(req("base", "string", "cur", "Base currency."),
                  req("quote", "string", "cur", "Quote currency.")),
              List.of("rate:rate", "as_of:date")),
          new ToolSpec("categorize", "Assign a bookkeeping category to a transaction.",
              List.of(req("transaction_id", "string", "id", "Transaction id."),
                  req("category", "string", "category", "Category name.")),
              List.of("ok:bool", "category:category"))),
      "statement");

  final String label;
  final String app;
  final List<String> systemPrompts;
  final List<String> questions;
  final List<String> sentences;
  final List<String> followUps;
  final List<String> nouns;
  final List<String> adjectives;
  final List<String> verbs;
  final List<String> agentTasks;
  final List<ToolSpec> tools;
  /** What a user pastes into a long question: a log, code, an itinerary or a statement. */
  final String pasteKind;

  Domain(String label, String app, List<String> systemPrompts, List<String> questions,
      List<String> sentences, List<String> followUps, List<String> nouns, List<String> adjectives,
      List<String> verbs, List<String> agentTasks, List<ToolSpec> tools, String pasteKind) {
    this.label = label;
    this.app = app;
    this.systemPrompts = systemPrompts;
    this.questions = questions;
    this.sentences = sentences;
    this.followUps = followUps;
    this.nouns = nouns;
    this.adjectives = adjectives;
    this.verbs = verbs;
    this.agentTasks = agentTasks;
    this.tools = tools;
    this.pasteKind = pasteKind;
  }
}
