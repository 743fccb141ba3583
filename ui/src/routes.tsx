/**
 * Route table. Hash-based routing: the built app is served from tauri://localhost
 * (or http://tauri.localhost), where only the hash part of the URL is ours.
 */
import { Navigate, type RouteObject } from "react-router";

import { CaseDetailPage } from "./cases/CaseDetailPage";
import { CaseListPage } from "./cases/CaseListPage";
import { CustomerListPage } from "./customers/CustomerListPage";
import { CustomerPage } from "./customers/CustomerPage";
import { DashboardPage } from "./dashboard/DashboardPage";
import { PlansPage } from "./plans/PlansPage";
import { ServiceReportPage } from "./reports/ServiceReportPage";
import { SettingsPage } from "./settings/SettingsPage";
import { AppLayout } from "./shell/AppLayout";
import { DEFAULT_SECTION } from "./shell/sections";
import { ConflictsPage } from "./sync/ConflictsPage";
import { SyncPage } from "./sync/SyncPage";
import { TrainingPage } from "./training/TrainingPage";

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to={DEFAULT_SECTION.path} replace /> },
      { path: "cases", element: <CaseListPage /> },
      { path: "cases/:id", element: <CaseDetailPage /> },
      { path: "customers", element: <CustomerListPage /> },
      { path: "customers/:id", element: <CustomerPage /> },
      { path: "training", element: <TrainingPage /> },
      { path: "plans", element: <PlansPage /> },
      { path: "dashboard", element: <DashboardPage /> },
      { path: "dashboard/report", element: <ServiceReportPage /> },
      { path: "sync", element: <SyncPage /> },
      { path: "sync/conflicts", element: <ConflictsPage /> },
      { path: "settings", element: <SettingsPage /> },
      { path: "*", element: <Navigate to={DEFAULT_SECTION.path} replace /> },
    ],
  },
];
