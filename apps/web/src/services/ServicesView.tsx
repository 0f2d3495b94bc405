/** The service → backend table (being built). */
export function ServicesView() {
  return (
    <main className="view-placeholder" data-testid="services-view">
      <p>The service table is not built yet.</p>
    </main>
  );
}
