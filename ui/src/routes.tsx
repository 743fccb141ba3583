/**
 * Route table. Hash-based routing: the built app is served from tauri://localhost
 * (or http://tauri.localhost), where only the hash part of the URL is ours.
 */
import { Navigate, type RouteObject } from "react-router";

import { CaseDetailPage } from "./cases/CaseDetailPage";
import { KeptCaseList } from "./cases/KeptCaseList";
import { CustomerListPage } from "./customers/CustomerListPage";
import { CustomerPage } from "./customers/CustomerPage";
import { DashboardPage } from "./dashboard/DashboardPage";
import { ArticleListPage } from "./knowledge/ArticleListPage";
import { ArticlePage } from "./knowledge/ArticlePage";
import { EditArticlePage, NewArticlePage } from "./knowledge/ArticleEditor";
import { KnowledgePage } from "./knowledge/KnowledgePage";
import { PlanListPage } from "./plans/PlanListPage";
import { PlanPage } from "./plans/PlanPage";
import { PlansPage } from "./plans/PlansPage";
import { RunPage } from "./plans/RunPage";
import { ServiceReportPage } from "./reports/ServiceReportPage";
import { SettingsPage } from "./settings/SettingsPage";
import { AppLayout } from "./shell/AppLayout";
import { DEFAULT_SECTION } from "./shell/sections";
import { ConflictsPage } from "./sync/ConflictsPage";
import { SyncPage } from "./sync/SyncPage";
import { ScorecardsPage } from "./qa/ScorecardsPage";
import { AgentPage } from "./training/AgentPage";
import { CompliancePage } from "./training/CompliancePage";
import { CoursesPage } from "./training/CoursesPage";
import { PeoplePage } from "./training/PeoplePage";
import { RequirementsPage } from "./training/RequirementsPage";
import { TargetsPage } from "./training/TargetsPage";
import { SessionPage } from "./training/SessionPage";
import { SessionsPage } from "./training/SessionsPage";
import { TrainingPage } from "./training/TrainingPage";
import { FeedbackPage } from "./voc/FeedbackPage";
import { HandoverPrintPage } from "./voc/HandoverPrintPage";
import { PlanPrintPage } from "./plans/print/PlanPrintPage";
import { RunPrintPage } from "./plans/print/RunPrintPage";
import { InsightDetailPage } from "./voc/InsightDetailPage";
import { InsightsPage } from "./voc/InsightsPage";
import { PainPointsPage } from "./voc/PainPointsPage";
import { VoicePage } from "./voc/VoicePage";

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <AppLayout kept={<KeptCaseList />} />,
    children: [
      { index: true, element: <Navigate to={DEFAULT_SECTION.path} replace /> },
      // Drawn by the layout (KeptCaseList), ahead of each visit.
      { path: "cases", element: null },
      { path: "cases/:id", element: <CaseDetailPage /> },
      { path: "customers", element: <CustomerListPage /> },
      { path: "customers/:id", element: <CustomerPage /> },
      {
        path: "training",
        element: <TrainingPage />,
        children: [
          { index: true, element: <Navigate to="people" replace /> },
          { path: "people", element: <PeoplePage /> },
          { path: "people/:id", element: <AgentPage /> },
          { path: "courses", element: <CoursesPage /> },
          { path: "sessions", element: <SessionsPage /> },
          { path: "sessions/:id", element: <SessionPage /> },
          { path: "compliance", element: <CompliancePage /> },
          { path: "requirements", element: <RequirementsPage /> },
          { path: "targets", element: <TargetsPage /> },
          { path: "qa", element: <ScorecardsPage /> },
        ],
      },
      {
        path: "plans",
        element: <PlansPage />,
        children: [
          { index: true, element: <PlanListPage /> },
          { path: ":id", element: <PlanPage /> },
          { path: "runs/:id", element: <RunPage /> },
        ],
      },
      {
        path: "knowledge",
        element: <KnowledgePage />,
        children: [
          { index: true, element: <ArticleListPage /> },
          { path: "new", element: <NewArticlePage /> },
          { path: ":id", element: <ArticlePage /> },
          { path: ":id/edit", element: <EditArticlePage /> },
        ],
      },
      { path: "dashboard", element: <DashboardPage /> },
      {
        path: "voice",
        element: <VoicePage />,
        children: [
          { index: true, element: <Navigate to="pain-points" replace /> },
          { path: "pain-points", element: <PainPointsPage /> },
          { path: "feedback", element: <FeedbackPage /> },
          { path: "insights", element: <InsightsPage /> },
          { path: "insights/:id", element: <InsightDetailPage /> },
        ],
      },
      { path: "dashboard/report", element: <ServiceReportPage /> },
      { path: "sync", element: <SyncPage /> },
      { path: "sync/conflicts", element: <ConflictsPage /> },
      { path: "settings", element: <SettingsPage /> },
      { path: "*", element: <Navigate to={DEFAULT_SECTION.path} replace /> },
    ],
  },
  // An insight's hand-over as one printable page, without the window's frame.
  { path: "/print/insights/:id", element: <HandoverPrintPage /> },
  // A plan, and a run's report, as printable pages (the paper fallback when systems are down).
  { path: "/print/plans/:id", element: <PlanPrintPage /> },
  { path: "/print/runs/:id", element: <RunPrintPage /> },
];
