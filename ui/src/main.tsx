import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/notifications/styles.css";
import "./app.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App, createQueryClient } from "./App";
import { createI18n } from "./i18n";
import { prefetchOpeningPage } from "./shell/openingPage";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const queryClient = createQueryClient();
prefetchOpeningPage(queryClient, window.location.hash);

createRoot(root).render(
  <StrictMode>
    <App i18n={createI18n()} queryClient={queryClient} />
  </StrictMode>,
);
