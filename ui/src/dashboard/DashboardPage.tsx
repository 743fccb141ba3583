import { useTranslation } from "react-i18next";

import { NotYetAvailable } from "../shell/NotYetAvailable";
import { sectionById } from "../shell/sections";

/** Dashboard: not in this version yet; the page says so and what it will hold. */
export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <NotYetAvailable
      title={t("sections.dashboard.title")}
      description={t("sections.dashboard.description")}
      icon={sectionById("dashboard").icon}
    />
  );
}
