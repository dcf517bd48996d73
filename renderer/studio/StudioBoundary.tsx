/**
 * Hostile s28 H6 rest: a render error anywhere in the studio left an empty page (#root emptied) with no word of what
 * happened. The whole studio is drawn inside this boundary: an error shows what it was, with Reload and "Back to your
 * flows" (which also draws the studio again). The simulator panel has its own boundary (SimulatorBoundary), so an error
 * there leaves the canvas in place.
 */
import { Component, Fragment, type ReactNode } from 'react';

export class StudioBoundary extends Component<{ children: ReactNode }, { error: string | null; round: number }> {
  override state = { error: null as string | null, round: 0 };

  static getDerivedStateFromError(e: unknown): { error: string } {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  private home = () => {
    location.hash = '#/';
    this.setState((s) => ({ error: null, round: s.round + 1 }));
  };

  override render() {
    if (this.state.error === null) return <Fragment key={this.state.round}>{this.props.children}</Fragment>;
    return (
      <div className="st-not-here" role="alert">
        <div className="st-not-here-card">
          <h1>The studio stopped on an error</h1>
          <p>{this.state.error.replace(/[.\s]+$/, '')}.</p>
          <p>Reload the page to go on where you were, or go back to your flows.</p>
          <div className="st-not-here-actions">
            <button type="button" className="bt-button" data-variant="primary" onClick={() => location.reload()}>
              Reload
            </button>
            <button type="button" className="bt-button" onClick={this.home}>
              Back to your flows
            </button>
          </div>
        </div>
      </div>
    );
  }
}
