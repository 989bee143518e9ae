/**
 * Chart.js with only the parts the views use (keeps bundles lean). A view that needs another
 * controller, element or scale registers it here, once, for everyone.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from 'chart.js';

Chart.register(
  ScatterController,
  LineController,
  BarController,
  PointElement,
  LineElement,
  BarElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  Filler,
  Legend,
  Title,
  Tooltip,
);

export { Chart };
