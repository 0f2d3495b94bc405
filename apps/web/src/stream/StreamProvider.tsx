import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { appBaseUrl, streamUrl } from '../api/base';
import { queryKeys } from '../api/queries';
import { LiveSocket } from './liveSocket';

const LiveSocketContext = createContext<LiveSocket | null>(null);

/** Opens the app's one WebSocket and feeds its `status`, `services` and `datapath` pushes into their queries. */
export function StreamProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [socket] = useState(() => new LiveSocket({ url: streamUrl(appBaseUrl()) }));

  useEffect(() => {
    const stopListening = socket.onMessage((message) => {
      if (message.type === 'status') queryClient.setQueryData(queryKeys.status(), message.status);
      else if (message.type === 'services') queryClient.setQueryData(queryKeys.services(), message.services);
      else if (message.type === 'datapath') queryClient.setQueryData(queryKeys.datapath(), message.datapath);
    });
    socket.start();
    return () => {
      stopListening();
      socket.stop();
    };
  }, [socket, queryClient]);

  return <LiveSocketContext.Provider value={socket}>{children}</LiveSocketContext.Provider>;
}

export function useLiveSocket(): LiveSocket {
  const socket = useContext(LiveSocketContext);
  if (!socket) throw new Error('useLiveSocket must be used inside <StreamProvider>');
  return socket;
}
