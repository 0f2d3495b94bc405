/** The L3/L4 service map (being built). */
export function MapView() {
  return (
    <main className="view-placeholder" data-testid="map-view">
      <p>The service map is not built yet.</p>
    </main>
  );
}
