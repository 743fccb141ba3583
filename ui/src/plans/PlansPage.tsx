import { useTranslation } from "react-i18next";

import { NotYetAvailable } from "../shell/NotYetAvailable";
import { sectionById } from "../shell/sections";

/** Plans: not in this version yet; the page says so and what it will hold. */
export function PlansPage() {
  const { t } = useTranslation();
  return (
    <NotYetAvailable
      title={t("sections.plans.title")}
      description={t("sections.plans.description")}
      icon={sectionById("plans").icon}
    />
  );
}
