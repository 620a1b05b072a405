// Runs in the report page, inlined into index.html after the chart libraries: draws every
// [data-chart] from the embedded specs, then marks the body so a test (or a script printing the
// page) knows the charts are in; sorts tables from their headings.
(() => {
  const specs = JSON.parse(document.getElementById('chart-specs').textContent);
  const containers = Array.from(document.querySelectorAll('[data-chart]'));
  Promise.allSettled(
    containers.map((container) => {
      let spec = specs[container.dataset.chart];
      // The static figures have a fixed size; on the page a chart fills its grid cell instead.
      // vega-lite sizes only single views to their container, so stacked panels get a measured width.
      if (spec.layer) spec = { ...spec, width: 'container', autosize: { type: 'fit-x', contains: 'padding' } };
      else if (spec.vconcat) {
        const width = Math.max(200, container.clientWidth - 90);
        spec = { ...spec, vconcat: spec.vconcat.map((panel) => ({ ...panel, width })) };
      }
      return vegaEmbed(container, spec, { actions: false, renderer: 'svg', mode: 'vega-lite' });
    }),
  ).then((results) => {
    let rendered = 0;
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') rendered += 1;
      else console.error(`chart ${containers[index].dataset.chart} failed to render:`, result.reason);
    });
    document.body.dataset.chartsRendered = String(rendered);
  });

  const sortKey = (row, column, numeric) => {
    const cell = row.cells[column];
    const value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    if (!numeric) return value;
    return value === '' ? null : Number(value);
  };
  for (const table of document.querySelectorAll('table[data-sortable]')) {
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach((header, column) => {
      header.querySelector('button').addEventListener('click', () => {
        const ascending = header.getAttribute('aria-sort') !== 'ascending';
        const numeric = header.dataset.type === 'number';
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = sortKey(a, column, numeric);
          const y = sortKey(b, column, numeric);
          // Missing values stay at the bottom in both directions.
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          const order = numeric ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
          return ascending ? order : -order;
        });
        for (const row of rows) body.appendChild(row);
        for (const other of headers) other.setAttribute('aria-sort', 'none');
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      });
    });
  }
})();
