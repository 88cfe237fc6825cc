// Company suggestions as the reader types in the search form's company field: the names of
// companies with public pages fill the field's datalist. Without JavaScript the field still
// takes a name, an alias or a slug.
(() => {
  "use strict";
  const field = document.querySelector("input[data-suggest]");
  const list = field && document.getElementById(field.getAttribute("list"));
  if (!field || !list) return;
  let timer = null;
  let asked = "";
  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const typed = field.value.trim();
      if (typed.length < 2 || typed === asked) return;
      asked = typed;
      const address = `${field.dataset.suggest}?q=${encodeURIComponent(typed)}`;
      try {
        const response = await fetch(address, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const { companies } = await response.json();
        list.replaceChildren(...companies.map((c) => Object.assign(document.createElement("option"), { value: c.name })));
      } catch {
        // Suggestions are a convenience: a failed request leaves the field as it is.
      }
    }, 150);
  });
})();
