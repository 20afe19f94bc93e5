"""The day in numbers: handoffs by need and kind, unmet needs, by hour, as tables and a chart."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static
from textual_plotext import PlotextPlot

from navigator.desk.context import Desk
from navigator.desk.day_summary import DaySummary, day_summary
from navigator.domain.referral_slip import long_date
from navigator.translation import N_, _
from navigator.tui.safe_text import cell, content
from navigator.tui.widgets.desk_footer import DeskFooter


class DaySummaryScreen(Screen[None]):
    BINDINGS = [
        Binding(
            "left_square_bracket,comma",
            "shift_day(-1)",
            N_("Day before"),
            key_display="[",
            id="summary.day_before",
        ),
        Binding(
            "right_square_bracket,full_stop",
            "shift_day(1)",
            N_("Day after"),
            key_display="]",
            id="summary.day_after",
        ),
        Binding("t", "today", N_("Today"), id="summary.today"),
        Binding("escape", "app.pop_screen", N_("Back"), id="summary.back"),
    ]

    def __init__(self, desk: Desk, day: date | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.day = day or desk.today()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="summary-title", markup=False)
        with Horizontal(id="summary-body"):
            with VerticalScroll(id="summary-tables"):
                yield Label(_("By need"), classes="summary-label")
                yield DataTable(id="summary-needs", cursor_type="row", show_cursor=True)
                yield Label(_("By kind"), classes="summary-label")
                yield DataTable(id="summary-kinds", cursor_type="row")
                yield Label(_("By hour"), classes="summary-label")
                yield DataTable(id="summary-hours", cursor_type="row")
            yield PlotextPlot(id="summary-chart")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#summary-needs", DataTable).add_columns(
            _("Need"), _("Handoffs"), _("Unmet")
        )
        self.query_one("#summary-kinds", DataTable).add_columns(_("Kind"), _("Count"))
        self.query_one("#summary-hours", DataTable).add_columns(_("Hour"), _("Handoffs"))
        self.show(day_summary(self.desk, self.day))
        self.query_one("#summary-needs").focus()

    def show(self, summary: DaySummary) -> None:
        self.day = summary.date
        self.query_one("#summary-title", Static).update(
            content(
                (_("Day summary - {date}").format(date=long_date(summary.date, _)), "bold"),
                "   "
                + (
                    _("1 handoff")
                    if summary.total == 1
                    else _("{count} handoffs").format(count=summary.total)
                ),
                (
                    _(", {count} unmet").format(count=summary.unmet) if summary.unmet else "",
                    "$text-warning",
                ),
            )
        )
        needs = self.query_one("#summary-needs", DataTable)
        needs.clear()
        for need in summary.by_need:
            needs.add_row(
                cell(_(need.name)),
                need.handoffs,
                cell((str(need.unmet), "bold $text-warning")) if need.unmet else "0",
            )
        kinds = self.query_one("#summary-kinds", DataTable)
        kinds.clear()
        for kind in summary.by_kind:
            kinds.add_row(_(kind.label), kind.count)
        hours = self.query_one("#summary-hours", DataTable)
        hours.clear()
        for hour in summary.by_hour:
            hours.add_row(f"{hour.hour:02d}:00", hour.count)
        self._chart(summary)

    def _chart(self, summary: DaySummary) -> None:
        chart = self.query_one(PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(_("Handoffs by hour of day"))
        labels = [f"{h.hour:02d}" for h in summary.by_hour]
        plt.bar(labels, [h.count for h in summary.by_hour], width=0.6)
        top = max([h.count for h in summary.by_hour] + [1])
        plt.yticks(list(range(0, top + 1, max(1, top // 4))))
        chart.refresh()

    def action_shift_day(self, days: int) -> None:
        self.show(day_summary(self.desk, self.day + timedelta(days=days)))

    def action_today(self) -> None:
        self.show(day_summary(self.desk, self.desk.today()))
