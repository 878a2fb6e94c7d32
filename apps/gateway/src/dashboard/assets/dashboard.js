// KeepRouter dashboard: draws the spend charts with Chart.js from the JSON embedded in
// the page, and asks before a revocation. Everything else works without this file.
// Amounts: the bars are drawn from numbers, but every label and tooltip shows the exact
// decimal string the server computed (data.series[i].exact, data.totals).
(function () {
  'use strict';

  var PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#64748b'];

  function drawChart(canvas) {
    var source = document.getElementById(canvas.getAttribute('data-chart'));
    if (!source || typeof window.Chart === 'undefined') return;
    var data = JSON.parse(source.textContent);
    var chart = new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.days.map(function (day) {
          return day.slice(5);
        }),
        datasets: data.series.map(function (series, i) {
          return {
            label: series.label,
            data: series.values,
            backgroundColor: PALETTE[i % PALETTE.length],
            borderWidth: 0,
            maxBarThickness: 28,
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
          y: {
            stacked: true,
            beginAtZero: true,
            ticks: {
              // Axis ticks are scale positions chosen by the library, not amounts of ours.
              callback: function (value) {
                return '$' + value;
              },
            },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: {
            filter: function (item) {
              return data.series[item.datasetIndex].exact[item.dataIndex] !== '0';
            },
            callbacks: {
              title: function (items) {
                return items.length ? data.days[items[0].dataIndex] : '';
              },
              label: function (item) {
                return (
                  data.series[item.datasetIndex].label +
                  ': $' +
                  data.series[item.datasetIndex].exact[item.dataIndex]
                );
              },
              footer: function (items) {
                return items.length ? 'Total: $' + data.totals[items[0].dataIndex] : '';
              },
            },
          },
        },
      },
    });
    canvas.setAttribute('data-drawn', String(chart.data.datasets.length));
  }

  function confirmBeforeSubmit(form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('canvas[data-chart]').forEach(drawChart);
    document.querySelectorAll('form[data-confirm]').forEach(confirmBeforeSubmit);
  });
})();
