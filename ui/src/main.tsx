import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/notifications/styles.css";
import "./app.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App, createQueryClient } from "./App";
import { prefetchOpeningList } from "./cases/openingList";
import { createI18n } from "./i18n";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const queryClient = createQueryClient();
prefetchOpeningList(queryClient, window.location.hash);

createRoot(root).render(
  <StrictMode>
    <App i18n={createI18n()} queryClient={queryClient} />
  </StrictMode>,
);
