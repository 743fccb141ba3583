//! The dashboard's charts: the period cut into days (or, beyond a month, weeks) of the
//! team's time zone, and the same case records as the tiles, counted per day or week.
//!
//! No measure is defined here: a trend point is [`ResolvedTally`] over the cases resolved
//! in its day, a backlog cell is [`backlog_age`] at the period's end, so a chart and the
//! tile beside it can never disagree on what counts.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::measures::{CaseRecord, ResolvedTally, as_of, backlog_age, resolved_in};
use super::period::{Period, Span};
use super::values::{AgeBucket, Nps, Share};
use crate::cases::{CaseChannel, Priority};
use crate::time::to_db_text;

/// Periods up to this many days are charted by day; longer ones by week.
pub const DAILY_MAX_DAYS: u32 = 31;

/// How many categories and root causes the "top" charts list.
pub const TOP_N: usize = 10;

crate::text_enum::text_enum! {
    /// What one point of a trend covers.
    pub enum Granularity {
        /// A local day.
        Day = "day",
        /// A week, Monday to Sunday, cut to the period at either end.
        Week = "week",
    }
}

/// Cases created in one day or week, by channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct VolumePoint {
    /// The day or week.
    pub period: Period,
    /// Cases created in it.
    pub total: u32,
    /// By channel, in the channels' order (every channel listed).
    pub by_channel: Vec<ChannelCount>,
}

/// Cases of one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChannelCount {
    /// The channel.
    pub channel: CaseChannel,
    /// Cases.
    pub cases: u32,
}

/// The cases resolved in one day or week: SLA compliance, CSAT and NPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    /// The day or week.
    pub period: Period,
    /// SLA compliance.
    pub sla_compliance: Share,
    /// CSAT.
    pub csat: Share,
    /// NPS.
    pub nps: Nps,
}

/// Open cases of one age and priority at the period's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BacklogCell {
    /// Age.
    pub age: AgeBucket,
    /// Priority.
    pub priority: Priority,
    /// Cases.
    pub cases: u32,
    /// Its cases were created at or after this (RFC 3339; `None`: any time before), ...
    pub created_from: Option<String>,
    /// ... and before this: the backlog drill-down narrowed to this age.
    pub created_to: String,
}

/// A name and how many cases carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RankedCount {
    /// The category or root cause.
    pub name: String,
    /// Cases.
    pub cases: u32,
}

/// Everything the dashboard charts, for the current period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Charts {
    /// Days or weeks.
    pub granularity: Granularity,
    /// Cases created per day or week, by channel.
    pub volume: Vec<VolumePoint>,
    /// SLA compliance, CSAT and NPS of the cases resolved per day or week.
    pub trend: Vec<TrendPoint>,
    /// The backlog at the period's end (or now), every age × priority listed.
    pub backlog: Vec<BacklogCell>,
    /// The categories of most cases created in the period, most first (at most [`TOP_N`]).
    pub top_categories: Vec<RankedCount>,
    /// The root causes of most cases resolved in the period, most first (at most [`TOP_N`]).
    pub top_root_causes: Vec<RankedCount>,
}

/// The days (or weeks) of `span` in `tz`.
pub(crate) fn buckets(span: &Span, tz: Tz) -> (Granularity, Vec<Span>) {
    if span.days <= DAILY_MAX_DAYS {
        return (Granularity::Day, (0..span.days).map(|d| span.part(tz, d, 1)).collect());
    }
    // Weeks start on Monday; the first and last are cut to the period.
    let lead = span.first.weekday().num_days_from_monday();
    let mut out = Vec::new();
    let mut day = 0;
    while day < span.days {
        let len = if day == 0 { 7 - lead } else { 7 }.min(span.days - day);
        out.push(span.part(tz, day, len));
        day += len;
    }
    (Granularity::Week, out)
}

/// Which of `buckets` (consecutive, in order) holds `t`.
fn bucket_of(buckets: &[Span], t: DateTime<Utc>) -> Option<usize> {
    let i = buckets.partition_point(|b| b.end <= t);
    buckets.get(i).filter(|b| b.contains(t)).map(|_| i)
}

/// The charts of one period, counted a case at a time (as [`super::measures::Tally`]).
pub(crate) struct Tally {
    span: Span,
    as_of: DateTime<Utc>,
    granularity: Granularity,
    buckets: Vec<Span>,
    volume: Vec<[u32; 5]>,
    trend: Vec<ResolvedTally>,
    backlog: [[u32; 4]; 4],
    // Keyed by the records' shared names: counting a case clones no text.
    categories: HashMap<Rc<str>, u32>,
    root_causes: HashMap<Rc<str>, u32>,
}

impl Tally {
    /// Nothing counted yet for `span`, cut into days or weeks of `tz`, as of `now`.
    pub(crate) fn new(span: &Span, tz: Tz, now: DateTime<Utc>) -> Self {
        let (granularity, buckets) = buckets(span, tz);
        Tally {
            span: *span,
            as_of: as_of(span, now),
            granularity,
            volume: vec![[0; 5]; buckets.len()],
            trend: buckets.iter().map(|_| ResolvedTally::default()).collect(),
            buckets,
            backlog: [[0; 4]; 4],
            categories: HashMap::new(),
            root_causes: HashMap::new(),
        }
    }

    /// Counts `r` in every chart it belongs to.
    pub(crate) fn add(&mut self, r: &CaseRecord) {
        if let Some(i) = bucket_of(&self.buckets, r.created_at) {
            self.volume[i][channel_index(r.channel)] += 1;
            *self.categories.entry(Rc::clone(&r.category)).or_default() += 1;
        }
        if resolved_in(r, &self.span) {
            if let Some(i) = r.resolved_at.and_then(|at| bucket_of(&self.buckets, at)) {
                self.trend[i].add(r);
            }
            if let Some(cause) = &r.root_cause {
                *self.root_causes.entry(Rc::clone(cause)).or_default() += 1;
            }
        }
        if let Some(age) = backlog_age(r, self.as_of) {
            self.backlog[age as usize][r.priority as usize] += 1;
        }
    }

    /// The charts counted.
    pub(crate) fn done(self) -> Charts {
        let (as_of, backlog) = (self.as_of, self.backlog);
        Charts {
            granularity: self.granularity,
            volume: self
                .buckets
                .iter()
                .zip(self.volume)
                .map(|(b, counts)| VolumePoint {
                    period: b.view(),
                    total: counts.iter().sum(),
                    by_channel: CaseChannel::ALL
                        .iter()
                        .map(|&channel| ChannelCount { channel, cases: counts[channel_index(channel)] })
                        .collect(),
                })
                .collect(),
            trend: self
                .buckets
                .iter()
                .zip(self.trend)
                .map(|(b, tally)| {
                    let (sla_compliance, csat, nps) = tally.satisfaction();
                    TrendPoint { period: b.view(), sla_compliance, csat, nps }
                })
                .collect(),
            backlog: AgeBucket::ALL
                .iter()
                .flat_map(|&age| {
                    let (from, to) = age.created_between(as_of);
                    Priority::ALL.iter().map(move |&priority| BacklogCell {
                        age,
                        priority,
                        cases: backlog[age as usize][priority as usize],
                        created_from: from.map(to_db_text),
                        created_to: to_db_text(to),
                    })
                })
                .collect(),
            top_categories: top(self.categories),
            top_root_causes: top(self.root_causes),
        }
    }
}

fn channel_index(channel: CaseChannel) -> usize {
    CaseChannel::ALL.iter().position(|&c| c == channel).unwrap_or(0)
}

/// The [`TOP_N`] names of most cases, most first; ties by name, so the order is stable.
fn top(counts: HashMap<Rc<str>, u32>) -> Vec<RankedCount> {
    let mut all: Vec<RankedCount> = counts
        .into_iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, cases)| RankedCount { name: name.to_string(), cases })
        .collect();
    all.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.name.cmp(&b.name)));
    all.truncate(TOP_N);
    all
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::kpi::measures::tests::{record, resolved, utc, week};
    use crate::kpi::period::{PeriodPreset, PeriodRequest, resolve};

    /// The charts of `span` over `records`, as of `now`.
    fn compute(records: &[CaseRecord], span: &Span, tz: Tz, now: DateTime<Utc>) -> Charts {
        let mut tally = Tally::new(span, tz, now);
        records.iter().for_each(|r| tally.add(r));
        tally.done()
    }

    #[test]
    fn a_week_is_charted_by_local_day() {
        let (g, days) = buckets(&week(), chrono_tz::UTC);
        assert_eq!(g, Granularity::Day);
        assert_eq!(days.len(), 7);
        assert_eq!(days[0].start, utc("2026-03-02T00:00:00Z"));
        assert_eq!(days[6].end, utc("2026-03-09T00:00:00Z"));
        assert!(days.windows(2).all(|w| w[0].end == w[1].start), "no gaps, no overlaps");
    }

    #[test]
    fn ninety_days_are_charted_by_monday_weeks_cut_to_the_period() {
        // 90 days ending Tuesday 10 March 2026 start Thursday 11 December 2025.
        let now = utc("2026-03-10T12:00:00Z");
        let (span, _) = resolve(&PeriodRequest::preset(PeriodPreset::Days90), chrono_tz::Asia::Shanghai, now).unwrap();
        let (g, weeks) = buckets(&span, chrono_tz::Asia::Shanghai);
        assert_eq!(g, Granularity::Week);
        let first = weeks[0].view();
        assert_eq!((first.first_day.as_str(), first.last_day.as_str(), first.days), ("2025-12-11", "2025-12-14", 4));
        assert_eq!(weeks[1].first.weekday(), chrono::Weekday::Mon);
        assert_eq!(weeks[1].days, 7);
        let last = weeks.last().unwrap().view();
        assert_eq!((last.first_day.as_str(), last.last_day.as_str(), last.days), ("2026-03-09", "2026-03-10", 2));
        assert_eq!(weeks.iter().map(|w| w.days).sum::<u32>(), 90);
        assert_eq!(weeks[0].start, span.start, "Shanghai midnight");
        assert_eq!(weeks.last().unwrap().end, span.end);
    }

    #[test]
    fn days_follow_the_teams_zone_across_a_dst_change() {
        // Berlin springs forward on 29 March 2026: that day is 23 hours long.
        let tz = chrono_tz::Europe::Berlin;
        let first = NaiveDate::from_ymd_opt(2026, 3, 28).unwrap();
        let span = Span::of_days(tz, first, 3);
        let (_, days) = buckets(&span, tz);
        let hours: Vec<i64> = days.iter().map(|d| (d.end - d.start).num_hours()).collect();
        assert_eq!(hours, [24, 23, 24]);
        // 23:30 UTC on 28 March is already the 29th in Berlin.
        assert_eq!(bucket_of(&days, utc("2026-03-28T23:30:00Z")), Some(1));
        assert_eq!(
            bucket_of(&days, utc("2026-03-27T22:30:00Z")),
            None,
            "23:30 on the 27th in Berlin: before the period"
        );
        assert_eq!(bucket_of(&days, span.end), None, "the end is excluded");
    }

    #[test]
    fn every_chart_counts_what_its_tile_counts() {
        let span = week();
        let now = utc("2026-03-20T00:00:00Z");
        let case = |created: &str, channel: CaseChannel, category: &str| CaseRecord {
            channel,
            category: category.into(),
            ..record(created)
        };
        let closed = |created: &str, at: &str, cause: &str, met: bool, csat: u8, nps: u8| CaseRecord {
            root_cause: Some(cause.into()),
            sla_met: Some(met),
            csat: Some(csat),
            nps: Some(nps),
            category: "Billing".into(),
            ..resolved(created, at)
        };
        let records = [
            case("2026-03-02T08:00:00Z", CaseChannel::Phone, "Billing"),
            case("2026-03-02T09:00:00Z", CaseChannel::Email, "Billing"),
            case("2026-03-04T09:00:00Z", CaseChannel::Chat, "Network"),
            CaseRecord { priority: Priority::P1, ..case("2026-03-08T20:00:00Z", CaseChannel::Phone, "Network") },
            case("2026-03-01T09:00:00Z", CaseChannel::Phone, "Outside"), // before the period
            closed("2026-02-20T09:00:00Z", "2026-03-03T10:00:00Z", "Outage", true, 5, 10),
            closed("2026-02-21T09:00:00Z", "2026-03-03T11:00:00Z", "Outage", false, 2, 3),
            closed("2026-02-22T09:00:00Z", "2026-03-05T11:00:00Z", "Training gap", true, 4, 8),
        ];
        let charts = compute(&records, &span, chrono_tz::UTC, now);
        let tiles = crate::kpi::measures::tests::compute(&records, &span, now);

        let totals: Vec<u32> = charts.volume.iter().map(|v| v.total).collect();
        assert_eq!(totals, [2, 0, 1, 0, 0, 0, 1]);
        assert_eq!(totals.iter().sum::<u32>(), tiles.created);
        let monday = &charts.volume[0];
        assert_eq!(monday.period.first_day, "2026-03-02");
        assert_eq!(monday.by_channel.len(), CaseChannel::ALL.len());
        assert_eq!(monday.by_channel.iter().find(|c| c.channel == CaseChannel::Email).unwrap().cases, 1);

        let tuesday = &charts.trend[1];
        assert_eq!(tuesday.sla_compliance, Share { percent: Some(50.0), hits: 1, cases: 2 });
        assert_eq!(tuesday.csat, Share { percent: Some(50.0), hits: 1, cases: 2 });
        assert_eq!(tuesday.nps.score, Some(0.0));
        assert_eq!(charts.trend[0].sla_compliance.percent, None, "no cases resolved: no data, not 0");
        let trend_hits: u32 = charts.trend.iter().map(|p| p.sla_compliance.hits).sum();
        assert_eq!(trend_hits, tiles.sla_compliance.hits);

        let backlog: u32 = charts.backlog.iter().map(|c| c.cases).sum();
        assert_eq!(backlog, tiles.backlog.total);
        assert_eq!(charts.backlog.len(), 16, "every age × priority");
        let p1 = charts.backlog.iter().find(|c| c.priority == Priority::P1 && c.age == AgeBucket::UnderOneDay).unwrap();
        assert_eq!(p1.cases, 1, "created 20:00 on the 8th, 4 hours before the period's end");

        assert_eq!(
            charts.top_categories,
            [RankedCount { name: "Billing".into(), cases: 2 }, RankedCount { name: "Network".into(), cases: 2 }],
            "created in the period only; ties by name"
        );
        assert_eq!(charts.top_root_causes[0], RankedCount { name: "Outage".into(), cases: 2 });
        assert_eq!(charts.top_root_causes.len(), 2);
    }

    #[test]
    fn top_lists_keep_the_ten_largest() {
        let records: Vec<CaseRecord> = (0..12)
            .flat_map(|i| {
                (0..=i)
                    .map(move |_| CaseRecord { category: format!("C{i:02}").into(), ..record("2026-03-03T10:00:00Z") })
            })
            .collect();
        let charts = compute(&records, &week(), chrono_tz::UTC, utc("2026-03-20T00:00:00Z"));
        let names: Vec<&str> = charts.top_categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), TOP_N);
        assert_eq!(names[0], "C11");
        assert_eq!(names[9], "C02");
    }
}
